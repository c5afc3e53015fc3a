package nl.vindplaats;

/**
 * The jar's entry point. It is compiled for Java 8 (see pom.xml), so that {@code java -jar vindplaats.jar} on an
 * older Java says in one line what is needed instead of failing with {@code UnsupportedClassVersionError}; on
 * Java 21 or newer it hands over to {@link Main}, which only then is loaded.
 */
public final class JavaVersionCheck {
    static final int REQUIRED = 21;

    private JavaVersionCheck() {
    }

    public static void main(String[] args) {
        String version = System.getProperty("java.specification.version");
        int feature = version.startsWith("1.") ? Integer.parseInt(version.substring(2)) : Integer.parseInt(version);
        if (feature < REQUIRED) {
            System.err.println("vindplaats: needs Java " + REQUIRED + " or newer, but this is Java " + version + " ("
                    + System.getProperty("java.home") + "); start it with a newer JDK (set JAVA_HOME) or use ./vindplaats,"
                    + " which finds one");
            System.exit(Main.REFUSED_BEFORE_START);
        }
        Main.main(args);
    }
}
