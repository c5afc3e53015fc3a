package nl.vindplaats.portal;

import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The portal's style sheets: NL Design System's design tokens and component CSS (committed under
 * {@code portal/nlds/}, made by {@code scripts/refresh-nlds.sh}) with our own layout rules, served as one file; and,
 * when the instance has one, its house style: a file of design tokens (custom properties, as NL Design System themes
 * are) served after it, so that its values win. Each is linked with a version (a hash of its content) in its
 * address, so that a browser may keep it for a year and still gets a changed file at once.
 */
public final class StyleSheets {
    static final String BASE = "/assets/portal.css";
    static final String HOUSE_STYLE = "/assets/huisstijl.css";
    /** A token file of a few hundred kB is already far more than a theme of every NL Design System component. */
    static final long MAX_HOUSE_STYLE_BYTES = 1024 * 1024;
    static final String ATTRIBUTE = "portal.styleSheets";
    private static final ThreadLocal<List<String>> CURRENT = new ThreadLocal<>();

    private final byte[] base;
    private final byte[] houseStyle;
    private final List<String> links;

    /** @param houseStyle the house style's tokens, or null for the base tokens alone */
    StyleSheets(byte[] houseStyle) {
        this.base = concatenate("portal/nlds/tokens.css", "portal/nlds/components.css", "portal/portal.css");
        this.houseStyle = houseStyle;
        this.links = houseStyle == null ? List.of(versioned(BASE, base))
                : List.of(versioned(BASE, base), versioned(HOUSE_STYLE, houseStyle));
    }

    /**
     * Reads a house style file at start: a clear message (for the operator, naming the setting) when it cannot be
     * used, rather than pages that quietly lose their look.
     */
    public static byte[] readHouseStyle(Path file) {
        String problem;
        try {
            if (Files.isDirectory(file)) {
                problem = "is a directory, not a CSS file";
            } else if (Files.size(file) > MAX_HOUSE_STYLE_BYTES) {
                problem = "is larger than " + MAX_HOUSE_STYLE_BYTES / 1024 + " KiB";
            } else {
                byte[] bytes = Files.readAllBytes(file);
                StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
                return bytes;
            }
        } catch (NoSuchFileException e) {
            problem = "does not exist";
        } catch (CharacterCodingException e) {
            problem = "is not UTF-8 text";
        } catch (java.nio.file.AccessDeniedException e) {
            problem = "cannot be read (permission denied)";
        } catch (IOException e) {
            problem = "cannot be read (" + e.getMessage() + ")";
        }
        throw new IllegalArgumentException("the house style " + file + " " + problem);
    }

    /** The addresses the layout links, in order; set per request by the portal's routes. */
    public static List<String> current() {
        List<String> links = CURRENT.get();
        return links == null ? List.of(BASE) : links;
    }

    static void during(Context ctx, Runnable render) {
        StyleSheets sheets = ctx.attribute(ATTRIBUTE);
        CURRENT.set(sheets == null ? List.of(BASE) : sheets.links);
        try {
            render.run();
        } finally {
            CURRENT.remove();
        }
    }

    void serveBase(Context ctx) {
        serve(ctx, base, links.getFirst());
    }

    void serveHouseStyle(Context ctx) {
        if (houseStyle == null) {
            throw new nl.vindplaats.http.ApiError(404, PortalErrors.DUTCH,
                    "Deze instantie heeft geen eigen huisstijl.", List.of());
        }
        serve(ctx, houseStyle, links.getLast());
    }

    /** The file at its current version may be kept for a year; asked for without it, for an hour. */
    private static void serve(Context ctx, byte[] css, String link) {
        Pages.secure(ctx);
        boolean current = link.endsWith("?v=" + ctx.queryParam("v"));
        ctx.header("Cache-Control", current ? "public, max-age=31536000, immutable" : "public, max-age=3600");
        ctx.contentType("text/css; charset=utf-8").result(css);
    }

    private static String versioned(String path, byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return path + "?v=" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concatenate(String... resources) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : resources) {
            try (InputStream in = StyleSheets.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + name);
                }
                in.transferTo(out);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toByteArray();
    }
}
