package nl.vindplaats.portal;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The portal's fixed text in the reader's language: Dutch, or English when asked for with {@code ?lang=en}
 * (remembered in the cookie {@code lang}) or, without either, preferred in {@code Accept-Language}. The
 * sentences are in {@code portal/texts_nl.properties} and {@code texts_en.properties}. Set for the one request
 * being handled on this thread ({@link #handling}) and the page being rendered, as {@link PageHead} is, so that
 * page classes, errors, feeds and templates find it with {@link #t}. Values from the value lists, organisations and
 * records keep their (Dutch) labels where no English one exists; the pages mark those with {@link #dutchValue}.
 */
public final class Texts {
    static final String PARAMETER = "lang";
    static final String COOKIE = "lang";
    private static final List<String> SUPPORTED = List.of("nl", "en");
    private static final Map<String, Texts> ALL = Map.of("nl", new Texts("nl"), "en", new Texts("en"));
    private static final ThreadLocal<Texts> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<String> SWITCH = new ThreadLocal<>();
    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");

    private final String language;
    private final Locale locale;
    private final ResourceBundle bundle;

    private Texts(String language) {
        this.language = language;
        this.locale = Locale.of(language);
        this.bundle = ResourceBundle.getBundle("portal.texts", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static Texts dutch() {
        return ALL.get("nl");
    }

    /**
     * The language of this request: {@code ?lang=} (which is then remembered in the cookie), else the cookie,
     * else the first of Dutch and English in {@code Accept-Language} (RFC 4647 lookup), else Dutch.
     */
    static Texts of(Context ctx) {
        String asked = ctx.queryParam(PARAMETER);
        if (asked != null && ALL.containsKey(asked)) {
            return ALL.get(asked);
        }
        String remembered = ctx.cookie(COOKIE);
        if (remembered != null && ALL.containsKey(remembered)) {
            return ALL.get(remembered);
        }
        String accept = ctx.header("Accept-Language");
        if (accept != null && !accept.isBlank()) {
            try {
                String chosen = Locale.lookupTag(Locale.LanguageRange.parse(accept), SUPPORTED);
                if (chosen != null) {
                    return ALL.get(chosen);
                }
            } catch (IllegalArgumentException e) {
                // a header that is not a language priority list counts as none
            }
        }
        return dutch();
    }

    /**
     * Remembers a language chosen with the switch; a page in both languages answers differently by header and
     * cookie, which its {@code Vary} adds to what the page varies by already (a dataset page: {@code Accept}).
     */
    static void remember(Context ctx, boolean translated) {
        if (translated) {
            String vary = ctx.res().getHeader("Vary");
            ctx.header("Vary", vary == null || vary.isBlank() ? "Accept-Language, Cookie"
                    : vary + ", Accept-Language, Cookie");
        }
        String asked = ctx.queryParam(PARAMETER);
        if (asked != null && ALL.containsKey(asked)) {
            Cookie cookie = new Cookie(COOKIE, asked);
            cookie.setPath("/");
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setSameSite(SameSite.LAX);
            ctx.cookie(cookie);
        }
    }

    /** The sentence for this key in the language of the page being rendered. */
    public static String t(String key, Object... arguments) {
        return current().text(key, arguments);
    }

    public static Texts current() {
        Texts texts = CURRENT.get();
        return texts == null ? dutch() : texts;
    }

    /** @param switchUrl the same page in the other language; null on a page that has only Dutch */
    static void during(Texts texts, String switchUrl, Runnable render) {
        Texts before = CURRENT.get();
        String switchBefore = SWITCH.get();
        CURRENT.set(texts);
        SWITCH.set(switchUrl);
        try {
            render.run();
        } finally {
            restore(before, switchBefore);
        }
    }

    /** What a portal handler runs in: its request's language, so that page classes and errors write in it too. */
    interface Handling {
        void run() throws Exception;
    }

    static void handling(Context ctx, Handling handler) throws Exception {
        Texts before = CURRENT.get();
        String switchBefore = SWITCH.get();
        CURRENT.set(of(ctx));
        try {
            handler.run();
        } finally {
            restore(before, switchBefore);
        }
    }

    private static void restore(Texts texts, String switchUrl) {
        if (texts == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(texts);
        }
        if (switchUrl == null) {
            SWITCH.remove();
        } else {
            SWITCH.set(switchUrl);
        }
    }

    /** The page being rendered in the other language, or null where it has only Dutch. */
    public static String switchUrl() {
        return SWITCH.get();
    }

    /** This request's page with {@code lang} set to the other language, the other parameters kept. */
    static String switchUrl(Context ctx, Texts texts) {
        String query = PageAddresses.normalisedQuery(ctx.queryParamMap(), List.of(PARAMETER));
        return ctx.path() + (query.isEmpty() ? "?" : query + "&") + PARAMETER + "=" + texts.other();
    }

    String text(String key, Object... arguments) {
        String pattern = bundle.getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    /** A day as a reader of this language writes it: "7 december 2026", "7 December 2026". */
    public String date(LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ofPattern("d MMMM yyyy", locale).format(day);
    }

    /** A moment's day in the Netherlands, where the pages' dates are read. */
    public String date(Instant moment) {
        return moment == null ? "" : date(moment.atZone(NETHERLANDS).toLocalDate());
    }

    /** A moment as day and time in the Netherlands: "7 december 2026, 14:05". */
    public String dateTime(Instant moment) {
        return moment == null ? "" : DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", locale)
                .format(moment.atZone(NETHERLANDS));
    }

    /** A size as a reader of this language writes it: "1,5 MB", "1.5 MB". */
    public String bytes(Long size) {
        if (size == null || size < 0) {
            return "";
        }
        if (size < 1024) {
            return size + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = size;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(locale, "%.1f %s", value, units[unit]);
    }

    /** A share of the probes, "99,5%" or "99.5%"; a sentence saying so when there were none in the window. */
    public String percentage(Double value) {
        return value == null ? text("api.uptime.none") : String.format(locale, "%.1f%%", value);
    }

    /**
     * The name of a code of ours (a lifecycle, an environment, a cause, a severity, a reachability) under
     * {@code group}: {@code group.code} in the texts; an unknown code as it is.
     */
    public String code(String group, String code) {
        if (code == null) {
            return "";
        }
        String key = group + "." + code;
        return bundle.containsKey(key) ? bundle.getString(key) : code;
    }

    /**
     * For an element holding a Dutch value (a value list's label without an English one, an organisation's
     * name): {@code "nl"} on a page in another language, so that screen readers read it as Dutch; null on a
     * Dutch page, where jte leaves the attribute out.
     */
    public static String dutchValue() {
        return current().language.equals("nl") ? null : "nl";
    }

    /** A day given as ISO date; "" for none. */
    public String date(String isoDay) {
        return isoDay == null || isoDay.isEmpty() ? "" : date(LocalDate.parse(isoDay));
    }

    /** The language's code, for {@code <html lang>}. */
    public String language() {
        return language;
    }

    /** The other language: the one the switch offers. */
    public String other() {
        return language.equals("nl") ? "en" : "nl";
    }

    /** "1 result", "12 results": the count with the singular or plural noun of this key ({@code key.one}, {@code key.many}). */
    public static String count(long n, String key) {
        Texts texts = current();
        return String.format(texts.locale, "%,d", n) + " " + texts.text(n == 1 ? key + ".one" : key + ".many");
    }
}
