package nl.vindplaats.base;

import java.util.function.BiFunction;

/**
 * One setting an operator gives as a command-line flag or an environment variable, declared once as data next to the
 * settings record it changes: the command line derives its flag, its environment variable, its default and its help
 * text from this, and applies the value given to the record.
 *
 * @param flag                the long flag, {@code --register-probe-minutes}
 * @param environmentVariable read when the flag is not given, {@code VINDPLAATS_REGISTER_PROBE_MINUTES}
 * @param defaultValue        as it would be written on the command line; null: none (the value is then null)
 * @param type                the value's type, which the command line converts the text to ({@code Integer},
 *                            {@code Long}, {@code Boolean}: a flag without a value, {@code String}, …)
 * @param description         what it does, one sentence without the closing full stop; the help adds where else it
 *                            is set and its default
 * @param apply               the settings with this value given
 * @param paramLabel          the value's name in the help, {@code <registerProbeMinutes>}
 * @param defaultHelp         what the help says the default is when it is no value ({@code the user's search path});
 *                            null: the default value, if any
 * @param <S>                 the settings record
 * @param <V>                 the value's type
 */
public record Setting<S, V>(String flag, String environmentVariable, String defaultValue, Class<V> type,
                            String description, BiFunction<S, V, S> apply, String paramLabel, String defaultHelp) {

    /** A setting whose value is named in the help after its flag, in camel case: {@code <registerProbeMinutes>}. */
    public Setting(String flag, String environmentVariable, String defaultValue, Class<V> type, String description,
                   BiFunction<S, V, S> apply) {
        this(flag, environmentVariable, defaultValue, type, description, apply, camelCase(flag));
    }

    public Setting(String flag, String environmentVariable, String defaultValue, Class<V> type, String description,
                   BiFunction<S, V, S> apply, String paramLabel) {
        this(flag, environmentVariable, defaultValue, type, description, apply, paramLabel, null);
    }

    /** This setting with its help saying what happens without a value: {@code "the user's search path"}. */
    public Setting<S, V> withDefaultHelp(String withoutValue) {
        return new Setting<>(flag, environmentVariable, defaultValue, type, description, apply, paramLabel, withoutValue);
    }

    /** The default as picocli reads it: the environment variable, else the default. */
    public String defaultExpression() {
        return "${env:" + environmentVariable + (defaultValue == null ? "" : ":-" + defaultValue) + "}";
    }

    /** The help text, in the form every option of the command line has. */
    public String help() {
        String defaultText = defaultValue != null ? "; default ${DEFAULT-VALUE}"
                : defaultHelp != null ? "; default " + defaultHelp : "";
        return description + " (env " + environmentVariable + defaultText + ").";
    }

    private static String camelCase(String flag) {
        StringBuilder label = new StringBuilder("<");
        boolean upper = false;
        for (char c : flag.replaceFirst("^-+", "").toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                label.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return label.append('>').toString();
    }

    /** The settings with {@code value} (of {@link #type}, as the command line converted it) applied. */
    public S applyTo(S settings, Object value) {
        return apply.apply(settings, type.cast(value));
    }
}
