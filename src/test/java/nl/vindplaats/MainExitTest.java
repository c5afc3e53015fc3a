package nl.vindplaats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process exits whatever way a command ends: an {@link Error} out of a command (a class missing from a jar that
 * was replaced while the service ran, met only when it stops) used to end the main thread without {@code System.exit},
 * and the JVM then waited forever on the service's remaining non-daemon threads.
 */
class MainExitTest {

    @Test
    void anErrorOutOfACommandStillGivesAnExitCode() {
        assertThat(Main.exitCode(() -> {
            throw new NoClassDefFoundError("org/eclipse/jetty/util/component/Graceful$Shutdown$1");
        })).isEqualTo(Main.FAILED);
    }

    @Test
    void aCommandsOwnExitCodeIsKept() {
        assertThat(Main.exitCode(() -> Main.REFUSED)).isEqualTo(Main.REFUSED);
        assertThat(Main.exitCode(() -> 0)).isZero();
    }
}
