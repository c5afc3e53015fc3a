package nl.vindplaats.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query-parameter toolkit in-process: whole numbers within bounds, defaults, garbage, overflow; page links. */
class QueryParamsTest {
    private final List<QueryParams.Fault> faults = new ArrayList<>();

    private QueryParams.Refusal recording() {
        return fault -> {
            faults.add(fault);
            return ApiError.invalid("n", fault.name());
        };
    }

    @Test
    void absentGivesTheFallbackAndAPresentNumberWithinBoundsIsRead() {
        assertThat(QueryParams.wholeNumber(null, 7, 1, 10, recording())).isEqualTo(7);
        assertThat(QueryParams.wholeNumber("1", 7, 1, 10, recording())).isEqualTo(1);
        assertThat(QueryParams.wholeNumber("10", 7, 1, 10, recording())).isEqualTo(10);
        assertThat(QueryParams.wholeNumber("+3", 7, 1, 10, recording())).isEqualTo(3);
        assertThat(QueryParams.wholeNumber("-5", 0, Integer.MIN_VALUE, Integer.MAX_VALUE, recording())).isEqualTo(-5);
        assertThat(QueryParams.longNumber(null, 4L, 0, 9, recording())).isEqualTo(4L);
        assertThat(QueryParams.longNumber("9", 4L, 0, 9, recording())).isEqualTo(9L);
        assertThat(faults).isEmpty();
    }

    @Test
    void givenTreatsBlankAsAbsentAndStripsSpaces() {
        assertThat(QueryParams.given(null)).isNull();
        assertThat(QueryParams.given("")).isNull();
        assertThat(QueryParams.given("  \t")).isNull();
        assertThat(QueryParams.given(" 12 ")).isEqualTo("12");
        assertThat(QueryParams.wholeNumber(QueryParams.given(" "), 5, 1, 10, recording())).isEqualTo(5);
    }

    @Test
    void textIsReadAsGivenSoSpacesAndEmptyTextAreNotWhole() {
        refused(() -> QueryParams.wholeNumber(" 2", 1, 1, 10, recording()), QueryParams.Fault.NOT_WHOLE);
        refused(() -> QueryParams.wholeNumber("", 1, 1, 10, recording()), QueryParams.Fault.NOT_WHOLE);
    }

    @Test
    void garbageIsNotWhole() {
        for (String garbage : List.of("abc", "1.5", "1e3", "0x10", "12abc", "--1")) {
            refused(() -> QueryParams.wholeNumber(garbage, 1, 0, 100, recording()), QueryParams.Fault.NOT_WHOLE);
            refused(() -> QueryParams.longNumber(garbage, 1, 0, 100, recording()), QueryParams.Fault.NOT_WHOLE);
        }
    }

    @Test
    void outsideTheBoundsIsTooSmallOrTooLarge() {
        refused(() -> QueryParams.wholeNumber("0", 1, 1, 10, recording()), QueryParams.Fault.TOO_SMALL);
        refused(() -> QueryParams.wholeNumber("-1", 1, 0, 10, recording()), QueryParams.Fault.TOO_SMALL);
        refused(() -> QueryParams.wholeNumber("11", 1, 1, 10, recording()), QueryParams.Fault.TOO_LARGE);
        refused(() -> QueryParams.longNumber("-1", 0, 0, 10, recording()), QueryParams.Fault.TOO_SMALL);
        refused(() -> QueryParams.longNumber("11", 0, 0, 10, recording()), QueryParams.Fault.TOO_LARGE);
    }

    @Test
    void overflowIsNotWholeForAnIntAndTooLargeForALongUntilALongOverflows() {
        refused(() -> QueryParams.wholeNumber("2147483648", 1, 1, Integer.MAX_VALUE, recording()),
                QueryParams.Fault.NOT_WHOLE);
        refused(() -> QueryParams.wholeNumber("-2147483649", 1, Integer.MIN_VALUE, 1, recording()),
                QueryParams.Fault.NOT_WHOLE);
        assertThat(QueryParams.wholeNumber("2147483647", 1, 1, Integer.MAX_VALUE, recording()))
                .isEqualTo(Integer.MAX_VALUE);
        refused(() -> QueryParams.longNumber("2147483648", 0, 0, Integer.MAX_VALUE, recording()),
                QueryParams.Fault.TOO_LARGE);
        refused(() -> QueryParams.longNumber("9223372036854775808", 0, 0, Integer.MAX_VALUE, recording()),
                QueryParams.Fault.NOT_WHOLE);
    }

    @Test
    void theProblemWordingNamesTheParameterAndItsBounds() {
        assertThatThrownBy(() -> QueryParams.wholeNumber("x", 1, 1, 100, QueryParams.problem("pageSize", 1, 100)))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.invalidParams()).containsExactly(new InvalidParam("pageSize", "must be a whole number"));
                });
        assertThatThrownBy(() -> QueryParams.wholeNumber("101", 1, 1, 100, QueryParams.problem("pageSize", 1, 100)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.invalidParams())
                        .containsExactly(new InvalidParam("pageSize", "must be between 1 and 100")));
    }

    @Test
    void linksNameFirstPrevNextLastAsThePageAllows() {
        assertThat(LinkHeader.pages(1, 0, 1, n -> "/x?page=" + n))
                .isEqualTo("</x?page=1>; rel=\"first\", </x?page=1>; rel=\"last\"");
        assertThat(LinkHeader.pages(2, 1, 3, n -> "/x?page=" + n)).isEqualTo("</x?page=1>; rel=\"first\", "
                + "</x?page=1>; rel=\"prev\", </x?page=3>; rel=\"next\", </x?page=3>; rel=\"last\"");
        assertThat(LinkHeader.pages(9, 3, 3, n -> "/x?page=" + n))
                .isEqualTo("</x?page=1>; rel=\"first\", </x?page=3>; rel=\"prev\", </x?page=3>; rel=\"last\"");
    }

    @Test
    void pageCountIsAtLeastOne() {
        assertThat(LinkHeader.pageCount(0, 20)).isEqualTo(1);
        assertThat(LinkHeader.pageCount(20, 20)).isEqualTo(1);
        assertThat(LinkHeader.pageCount(21, 20)).isEqualTo(2);
    }

    private void refused(Runnable read, QueryParams.Fault expected) {
        faults.clear();
        assertThatThrownBy(read::run).isInstanceOf(ApiError.class);
        assertThat(faults).containsExactly(expected);
    }
}
