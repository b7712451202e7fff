package io.loupe.ops.housekeeping;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the periodic work of the index (refresh, commit + WAL truncation, retention) on a Quartz
 * scheduler with an in-memory job store. Each task runs at most once at a time; a failing run is
 * logged and the next one happens on schedule. Several instances (several servers in one JVM) are
 * independent of each other.
 */
public final class HousekeepingScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingScheduler.class);
    private static final String TASK = "task";
    /** Quartz keeps schedulers in a JVM-wide repository by name: each server gets its own. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** A unit of periodic work. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private final Scheduler scheduler;

    public HousekeepingScheduler() throws SchedulerException {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "loupe-housekeeping-" + INSTANCES.incrementAndGet());
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", "3");
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        scheduler = new StdSchedulerFactory(properties).getScheduler();
    }

    public void every(String name, Duration interval, Task task) throws SchedulerException {
        JobDataMap data = new JobDataMap();
        data.put(TASK, task);
        scheduler.scheduleJob(
                JobBuilder.newJob(TaskJob.class).withIdentity(name).usingJobData(data).build(),
                TriggerBuilder.newTrigger().withIdentity(name).startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withIntervalInMilliseconds(interval.toMillis()).repeatForever()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build());
    }

    public void start() throws SchedulerException {
        scheduler.start();
    }

    /** Stops scheduling and waits for running tasks to finish. */
    @Override
    public void close() throws SchedulerException {
        scheduler.shutdown(true);
    }

    /** The Quartz job that runs a {@link Task} from its job data. */
    @DisallowConcurrentExecution
    public static final class TaskJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            Task task = (Task) context.getMergedJobDataMap().get(TASK);
            try {
                task.run();
            } catch (Exception e) {
                LOG.error("housekeeping task {} failed: {}", context.getJobDetail().getKey().getName(), e.toString(), e);
            }
        }
    }
}
