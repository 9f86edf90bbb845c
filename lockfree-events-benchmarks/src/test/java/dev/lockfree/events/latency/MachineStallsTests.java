package dev.lockfree.events.latency;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MachineStallsTests {

	@Test
	void aGapCountsInEveryBucketItReachesAndInTheTimeStalled() {
		MachineStalls.Probe probe = new MachineStalls.Probe(0);
		probe.record(2_000_000);
		probe.record(50_000);
		probe.record(10_000);
		// Buckets: >= 10 us, >= 100 us, >= 1 ms, >= 5 ms.
		assertThat(probe.gaps).containsExactly(3, 1, 1, 0);
		assertThat(probe.stalledNanos).isEqualTo(2_000_000);
		assertThat(probe.longestNanos).isEqualTo(2_000_000);
		assertThat(probe.line(2, 1)).startsWith("2              1").contains(" 2.00 ms");
	}

	@Test
	@Timeout(30)
	void probesRunForTheirDurationAndTheirBucketsShrinkWithTheLimit() throws Exception {
		List<MachineStalls.Probe> probes = MachineStalls.probe(2, TimeUnit.MILLISECONDS.toNanos(100));
		assertThat(probes).hasSize(2).allSatisfy((probe) -> {
			assertThat(probe.measuredNanos).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
			for (int i = 1; i < probe.gaps.length; i++) {
				assertThat(probe.gaps[i]).isLessThanOrEqualTo(probe.gaps[i - 1]);
			}
		});
	}

	@Test
	@Timeout(60)
	void writesOneLinePerProbeThread(@TempDir Path folder) throws Exception {
		Path file = folder.resolve("machine-stalls.txt");
		MachineStalls.main(new String[] { file.toString(), "1" });
		List<String> lines = Files.readAllLines(file);
		int cores = Runtime.getRuntime().availableProcessors();
		// Title, header, one line for the lone thread, then one per thread of the all-cores probe.
		assertThat(lines).hasSize(2 + 1 + ((cores > 1) ? cores : 0));
		assertThat(lines.get(1)).contains("gaps >= 1ms");
	}

}
