package nl.vindplaats.documents;

import java.util.List;

/**
 * What a publisher says about a document it makes public (Woo / DiWoo meaning), as delivered: every text as written
 * (dates too, as the publisher wrote them), every value of a value list with the label it came with. The publication
 * as a person reads it, labelled from the value lists and with its versions, is {@link Publication}. Lists are
 * empty, never null; a value not given is null.
 *
 * @param pid                   the persistent identifier this instance gave the document
 * @param published             the day it was made public (openbaarmakingsdatum), set by this instance
 * @param created               the day the document was made
 * @param responsible           the organisation answerable for it (verantwoordelijke)
 * @param author                who drew it up (opsteller), any URI; {@code authorName} their name as text
 * @param identifiers           the publisher's own identifiers of the document
 * @param descriptions          what it is about, in a few sentences each
 * @param subjects              free-text subjects (onderwerpen)
 * @param aggregationKey        what groups it with related documents (aggregatiekenmerk)
 * @param actions               what was done to it, by whom and when (documenthandelingen)
 * @param validity              the period it applies to (geldigheid)
 * @param webLocation           where the publisher shows it
 * @param extraMetadata         the publisher's own fields, per namespace
 * @param relation              the main document this one belongs to, and how; null for a document on its own
 */
public record PublicationMetadata(String pid, String published, String created, Concept publisher,
                                  Concept responsible, Concept author, String authorName, List<String> identifiers,
                                  Concept language, Titles titles, List<String> descriptions,
                                  List<Concept> documentTypes, List<Concept> themes,
                                  List<Concept> informationCategories, Concept format, List<String> subjects,
                                  String aggregationKey, List<Action> actions, Period validity, String webLocation,
                                  List<ExtraMetadata> extraMetadata, Relation relation) {

    /** A value of a value list (or, for an author, any URI) with the label it was given; either may be absent. */
    public record Concept(String uri, String label) {
    }

    /** The official title, and the shorter and other titles it is known by. */
    public record Titles(String official, List<String> shortTitles, List<String> alternativeTitles) {
        public boolean isEmpty() {
            return official == null && shortTitles.isEmpty() && alternativeTitles.isEmpty();
        }
    }

    /** One thing done to the document (signed, received, adopted …), when, and by which organisation. */
    public record Action(Concept kind, String at, Concept by) {
    }

    /** A period by its first and last moment, as written; either may be absent. */
    public record Period(String start, String end) {
    }

    /** Fields of the publisher's own, under one namespace. */
    public record ExtraMetadata(String namespace, List<Field> fields) {
    }

    /** One field of the publisher's own: a key and its values (one value or several, as given). */
    public record Field(String key, List<String> values) {
    }

    /** This document's place beside another: the main document's pid, and the role (a value-list URI). */
    public record Relation(String mainDocument, String role) {
    }

    /** The same metadata as made public by this instance: with its pid and the day it was made public. */
    public PublicationMetadata publishedAs(String givenPid, String day) {
        return new PublicationMetadata(givenPid, day, created, publisher, responsible, author, authorName,
                identifiers, language, titles, descriptions, documentTypes, themes, informationCategories, format,
                subjects, aggregationKey, actions, validity, webLocation, extraMetadata, relation);
    }
}
