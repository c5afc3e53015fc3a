package nl.vindplaats.platform;

import nl.vindplaats.access.Organisation;

import java.util.List;

/** What {@code serve --demo} puts in an empty instance, so there is something to find at once. */
final class DemoData {
    private DemoData() {
    }

    static List<Organisation> organisations() {
        return List.of(
                new Organisation("https://identifier.overheid.nl/tooi/id/ministerie/mnre1034",
                        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "ministerie-van-bzk"),
                new Organisation("https://identifier.overheid.nl/tooi/id/gemeente/gm0363",
                        "Gemeente Amsterdam", "gemeente-amsterdam"),
                new Organisation("https://identifier.overheid.nl/tooi/id/provincie/pv28",
                        "Provincie Zuid-Holland", "provincie-zuid-holland"));
    }
}
