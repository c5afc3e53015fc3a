package nl.vindplaats.datasets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The licences a dataset may name: CKAN's default list plus the DCAT-AP-DONL licences (by URI),
 * with whether each one is open (the DONL rule "available and public needs an open licence").
 */
public final class Licenses {
    public record License(String id, String title, String url, boolean open, boolean donl) {
    }

    public static final List<License> ALL = List.of(
            new License("notspecified", "License not specified", "", false, false),
            new License("odc-pddl", "Open Data Commons Public Domain Dedication and License (PDDL)",
                    "http://www.opendefinition.org/licenses/odc-pddl", true, false),
            new License("odc-odbl", "Open Data Commons Open Database License (ODbL)",
                    "http://www.opendefinition.org/licenses/odc-odbl", true, false),
            new License("odc-by", "Open Data Commons Attribution License",
                    "http://www.opendefinition.org/licenses/odc-by", true, false),
            new License("cc-zero", "Creative Commons CCZero", "http://www.opendefinition.org/licenses/cc-zero", true, false),
            new License("cc-by", "Creative Commons Attribution", "http://www.opendefinition.org/licenses/cc-by", true, false),
            new License("cc-by-sa", "Creative Commons Attribution Share-Alike",
                    "http://www.opendefinition.org/licenses/cc-by-sa", true, false),
            new License("gfdl", "GNU Free Documentation License", "http://www.opendefinition.org/licenses/gfdl", true, false),
            new License("other-open", "Other (Open)", "", true, false),
            new License("other-pd", "Other (Public Domain)", "", true, false),
            new License("other-at", "Other (Attribution)", "", true, false),
            new License("uk-ogl", "UK Open Government Licence (OGL)",
                    "http://reference.data.gov.uk/id/open-government-licence", true, false),
            new License("cc-nc", "Creative Commons Non-Commercial (Any)", "http://creativecommons.org/licenses/by-nc/2.0/",
                    false, false),
            new License("other-nc", "Other (Non-Commercial)", "", false, false),
            new License("other-closed", "Other (Not Open)", "", false, false),
            donl("http://creativecommons.org/publicdomain/mark/1.0/deed.nl", "Public Domain Mark 1.0", true),
            donl("http://creativecommons.org/publicdomain/zero/1.0/deed.nl", "CC0 1.0 Universeel", true),
            donl("http://creativecommons.org/licenses/by/3.0/deed.nl", "Naamsvermelding 3.0", true),
            donl("http://creativecommons.org/licenses/by/4.0/deed.nl", "Naamsvermelding 4.0 Internationaal", true),
            donl("http://creativecommons.org/licenses/by-nc/3.0/deed.nl", "Naamsvermelding-NietCommercieel 3.0", false),
            donl("http://creativecommons.org/licenses/by-nc/4.0/deed.nl",
                    "Naamsvermelding-NietCommercieel 4.0 Internationaal", false),
            donl("http://creativecommons.org/licenses/by-sa/3.0/deed.nl", "Naamsvermelding-GelijkDelen 3.0", true),
            donl("http://creativecommons.org/licenses/by-sa/4.0/deed.nl",
                    "Naamsvermelding-GelijkDelen 4.0 Internationaal", true),
            donl("http://standaarden.overheid.nl/owms/terms/geslotenlicentie", "Gesloten licentie", false),
            donl("http://standaarden.overheid.nl/owms/terms/licentieonbekend", "Licentie onbekend", false));

    private static final Map<String, License> BY_ID = index();

    private Licenses() {
    }

    private static License donl(String uri, String title, boolean open) {
        return new License(uri, title, uri, open, true);
    }

    private static Map<String, License> index() {
        Map<String, License> map = new LinkedHashMap<>();
        ALL.forEach(l -> map.put(l.id(), l));
        return map;
    }

    public static Optional<License> find(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    /** license_list's dict for one licence, with the keys CKAN clients read. */
    public static Map<String, Object> dict(License l) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", l.id());
        d.put("title", l.title());
        d.put("url", l.url());
        d.put("status", "active");
        d.put("maintainer", "");
        d.put("family", "");
        d.put("domain_content", false);
        d.put("domain_data", false);
        d.put("domain_software", false);
        d.put("od_conformance", l.open() ? "approved" : "not reviewed");
        d.put("osd_conformance", "not reviewed");
        d.put("is_generic", l.url().isEmpty());
        d.put("is_okd_compliant", l.open());
        d.put("is_osi_compliant", false);
        return d;
    }
}
