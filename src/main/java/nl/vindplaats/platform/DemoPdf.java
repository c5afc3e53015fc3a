package nl.vindplaats.platform;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A demo document's PDF (PDFBox): its title, publisher and paragraphs of text on A4 pages, with a text layer so that
 * text extraction, search and excerpts work on it. The same input gives the same bytes (a fixed document id, no
 * dates), so the demo's files are the same on every instance.
 */
final class DemoPdf {
    private static final float MARGIN = 56;
    private static final float LEADING = 14;
    private static final int LINE_CHARACTERS = 88;

    private DemoPdf() {
    }

    static byte[] of(String title, String publisher, List<String> paragraphs, String documentId) {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            pdf.getDocumentInformation().setTitle(title);
            pdf.getDocumentInformation().setAuthor(publisher);
            List<Line> lines = new ArrayList<>();
            wrap(title, LINE_CHARACTERS - 30, bold).forEach(l -> lines.add(new Line(l, bold, 16)));
            wrap(publisher, LINE_CHARACTERS, regular).forEach(l -> lines.add(new Line(l, regular, 10)));
            lines.add(new Line("", regular, 10));
            for (String paragraph : paragraphs) {
                wrap(paragraph, LINE_CHARACTERS, regular).forEach(l -> lines.add(new Line(l, regular, 10)));
                lines.add(new Line("", regular, 10));
            }
            float top = PDRectangle.A4.getHeight() - MARGIN;
            PDPageContentStream page = null;
            float y = 0;
            for (Line line : lines) {
                if (page == null || y < MARGIN) {
                    if (page != null) {
                        page.endText();
                        page.close();
                    }
                    PDPage next = new PDPage(PDRectangle.A4);
                    pdf.addPage(next);
                    page = new PDPageContentStream(pdf, next);
                    page.beginText();
                    page.newLineAtOffset(MARGIN, top);
                    y = top;
                }
                page.setFont(line.font(), line.size());
                page.showText(line.text());
                page.newLineAtOffset(0, -LEADING - (line.size() - 10));
                y -= LEADING + (line.size() - 10);
            }
            if (page != null) {
                page.endText();
                page.close();
            }
            COSString id = new COSString(documentId.getBytes(StandardCharsets.UTF_8));
            COSArray ids = new COSArray();
            ids.add(id);
            ids.add(id);
            pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean canShow(PDType1Font font, int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private record Line(String text, PDType1Font font, float size) {
    }

    /** Lines of at most {@code width} characters, of the characters the standard fonts can show. */
    private static List<String> wrap(String text, int width, PDType1Font font) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(c -> shown.appendCodePoint(Character.isWhitespace(c) ? ' ' : canShow(font, c) ? c : '?'));
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : shown.toString().strip().split(" +")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
