package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.search.SummaryInput;
import nl.vindplaats.search.SummaryOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset as the search index keeps it, for lists: its dict without organization and groups, written as CKAN
 * writes JSON (ASCII only), and the ids to join those by when the list is answered
 * ({@link PackageView.Session#listed}).
 * Reading ten datasets from the store and writing their dicts again was a third of a package_search.
 *
 * @param ownerOrg the organisation's id, empty for none
 * @param ownJson  the dict's JSON text, ASCII only
 */
record PackageSummary(String ownerOrg, List<String> groupIds, byte[] ownJson) {

    static PackageSummary of(StoredRecord record) {
        return new PackageSummary(record.body().path("owner_org").asText(""), groupIds(record),
                CkanJson.bytes(PackageView.ownDict(record)));
    }

    private static List<String> groupIds(StoredRecord record) {
        List<String> ids = new ArrayList<>();
        for (JsonNode group : record.body().path("groups")) {
            ids.add(group.path("id").asText());
        }
        return ids;
    }

    byte[] bytes() {
        SummaryOutput out = new SummaryOutput();
        try {
            out.writeString(ownerOrg);
            out.writeVInt(groupIds.size());
            for (String id : groupIds) {
                out.writeString(id);
            }
            out.writeVInt(ownJson.length);
            out.writeBytes(ownJson, ownJson.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown: the output is in memory
        }
        return out.toBytes();
    }

    static PackageSummary read(byte[] bytes) {
        SummaryInput in = new SummaryInput(bytes);
        try {
            String ownerOrg = in.readString();
            List<String> groupIds = new ArrayList<>();
            for (int n = in.readVInt(); n > 0; n--) {
                groupIds.add(in.readString());
            }
            byte[] ownJson = new byte[in.readVInt()];
            in.readBytes(ownJson, 0, ownJson.length);
            return new PackageSummary(ownerOrg, groupIds, ownJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown: the input is in memory
        }
    }
}
