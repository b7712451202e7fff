package io.loupe.ops.bench;

/**
 * One request of the search benchmark and what its answer must be.
 *
 * @param label        what it asks, for the details on stderr (the term of a term query)
 * @param pathAndQuery the path with its query string
 * @param jsonBody     the JSON body of a POST, or null for a GET
 * @param check        what the answer must hold
 */
record BenchRequest(String label, String pathAndQuery, String jsonBody, AnswerCheck check) {

    static BenchRequest get(String label, String pathAndQuery, AnswerCheck check) {
        return new BenchRequest(label, pathAndQuery, null, check);
    }

    static BenchRequest post(String label, String path, String jsonBody, AnswerCheck check) {
        return new BenchRequest(label, path, jsonBody, check);
    }

    /** How the request reads in a message: the method, path and query, and the body of a POST. */
    String describe() {
        return jsonBody == null ? "GET " + pathAndQuery : "POST " + pathAndQuery + " " + jsonBody;
    }
}
