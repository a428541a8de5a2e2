package io.github.camelaliyun.vod.emulator;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsedNoncesTest {

    private final UsedNonces nonces = new UsedNonces(Duration.ofMinutes(15));
    private final Instant start = Instant.parse("2026-11-26T00:00:00Z");

    @Test
    void aNonceSeenWithinTheWindowIsAReplay() {
        assertThat(nonces.firstUse("n1", start)).isTrue();
        assertThat(nonces.firstUse("n1", start.plus(Duration.ofMinutes(14)))).isFalse();
    }

    @Test
    void noncesThatLeftTheWindowAreForgottenAtTheNextCheck() {
        for (int i = 0; i < 10; i++) {
            nonces.firstUse("old-" + i, start.plusSeconds(i));
        }

        assertThat(nonces.firstUse("new", start.plus(Duration.ofMinutes(16)))).isTrue();

        assertThat(nonces.size()).as("only the nonce still in the window").isEqualTo(1);
        assertThat(nonces.firstUse("old-0", start.plus(Duration.ofMinutes(16)))).as("no longer replayable")
                .isTrue();
    }
}
