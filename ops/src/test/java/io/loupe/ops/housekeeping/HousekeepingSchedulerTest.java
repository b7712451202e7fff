package io.loupe.ops.housekeeping;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HousekeepingSchedulerTest {

    @Test
    void twoSchedulersInOneJvmRunTheirOwnTasksUnderTheSameNamesAndClosingOneLeavesTheOtherRunning() throws Exception {
        CountDownLatch firstRan = new CountDownLatch(1);
        CountDownLatch secondRanTwiceAfterTheFirstClosed = new CountDownLatch(2);
        try (HousekeepingScheduler first = new HousekeepingScheduler(); HousekeepingScheduler second = new HousekeepingScheduler()) {
            first.every("commit", Duration.ofMillis(20), firstRan::countDown);
            first.start();
            assertTrue(firstRan.await(10, TimeUnit.SECONDS), "the first scheduler runs its task");
            first.close();

            second.every("commit", Duration.ofMillis(20), secondRanTwiceAfterTheFirstClosed::countDown);
            second.start();
            assertTrue(secondRanTwiceAfterTheFirstClosed.await(10, TimeUnit.SECONDS),
                    "the second scheduler takes a job of the same name and keeps running after the first closed");
        }
    }
}
