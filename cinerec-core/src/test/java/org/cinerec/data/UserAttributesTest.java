package org.cinerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The users' attributes: matching by id, unknown values, the coded form, re-indexing, and the dataset's checks. */
class UserAttributesTest {
  static final List<String> NAMES = List.of("age", "gender", "occupation");

  /** Users 7, 10, 3: the table spells 7 as "007", has no 3, and an extra user 99 that is not in the index. */
  static UserAttributes sample() {
    return UserAttributes.of(IdIndex.of("7", "10", "3"), NAMES, Map.of(
        "007", new String[] {"25", "F", "artist"},
        "10", new String[] {"", "M", "artist"},
        "99", new String[] {"40", "M", "lawyer"}));
  }

  @Test
  void valuesAreMatchedByIdAndMissingOnesAreUnknown() {
    UserAttributes a = sample();
    assertEquals(3, a.numUsers());
    assertEquals(NAMES, a.names());
    assertEquals(1, a.indexOf("gender"));
    assertEquals(-1, a.indexOf("zip"));
    assertEquals("25", a.value(0, 0), "\"007\" is user 7");
    assertEquals("F", a.value(0, 1));
    assertNull(a.value(1, 0), "an empty value is unknown");
    assertEquals("M", a.value(1, 1));
    for (int k = 0; k < 3; k++) {
      assertNull(a.value(2, k), "user 3 is not in the table");
    }
    assertEquals(2, a.usersKnown());
    assertTrue(a.toString().contains("3 users, 2 known"), a.toString());
  }

  @Test
  void theCodesNumberEachAttributesValuesInOrderOfFirstAppearance() {
    UserAttributes a = sample();
    assertEquals(List.of("25"), a.levels(0));
    assertEquals(List.of("F", "M"), a.levels(1));
    assertEquals(List.of("artist"), a.levels(2));
    assertEquals(0, a.code(0, 0));
    assertEquals(-1, a.code(1, 0));
    assertEquals(1, a.code(1, 1));
    assertEquals(0, a.code(1, 2));
    assertEquals(-1, a.code(2, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> a.code(3, 0));
  }

  @Test
  void theCodedFormRebuildsEqualAttributesAndRefusesCodesThatDoNotFit() {
    UserAttributes a = sample();
    UserAttributes b = UserAttributes.ofCodes(3, NAMES, List.of(List.of("25"), List.of("F", "M"), List.of("artist")),
        List.of(new int[] {0, -1, -1}, new int[] {0, 1, -1}, new int[] {0, 0, -1}));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertThrows(IllegalArgumentException.class, () -> UserAttributes.ofCodes(3, List.of("age"),
        List.of(List.of("25")), List.of(new int[] {0, 1, -1})), "code 1 of a vocabulary of one");
    assertThrows(IllegalArgumentException.class, () -> UserAttributes.ofCodes(3, List.of("age"),
        List.of(List.of("25")), List.of(new int[] {0, -1})), "two codes for three users");
    assertThrows(IllegalArgumentException.class, () -> UserAttributes.ofCodes(1, List.of("age"),
        List.of(List.of("25", "25")), List.of(new int[] {0})), "a value twice in the vocabulary");
    assertThrows(IllegalArgumentException.class, () -> UserAttributes.ofRows(List.of("age", "age"), new String[0][]));
    assertThrows(IllegalArgumentException.class,
        () -> UserAttributes.ofRows(NAMES, new String[][] {{"25", "F"}}), "two values for three names");
  }

  @Test
  void twoSpellingsOfOneUserInTheTableAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> UserAttributes.of(IdIndex.of("7"), List.of("age"),
        Map.of("7", new String[] {"1"}, "07", new String[] {"2"})));
    assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
  }

  @Test
  void anotherUserIndexTakesTheValuesByIdAndKeepsTheCodes() {
    UserAttributes a = sample();
    IdIndex was = IdIndex.of("7", "10", "3");
    UserAttributes b = a.withUsers(was, IdIndex.of("10", "new", "7"));
    assertEquals(3, b.numUsers());
    assertEquals("M", b.value(0, 1));
    assertNull(b.value(1, 1), "a user the old index does not have");
    assertEquals("F", b.value(2, 1));
    assertEquals(a.code(0, 1), b.code(2, 1), "codes mean the same values");
    assertEquals(a.levels(1), b.levels(1));
    UserAttributes one = a.select(new int[] {1});
    assertEquals(1, one.numUsers());
    assertEquals("artist", one.value(0, 2));
    assertThrows(IllegalArgumentException.class, () -> a.select(new int[] {3}));
    assertThrows(IllegalArgumentException.class, () -> a.withUsers(IdIndex.of("7"), IdIndex.of("7")));
  }

  @Test
  void noneHasNoNamesAndEqualsOnlyNoneOfAsManyUsers() {
    UserAttributes none = UserAttributes.none(4);
    assertTrue(none.isEmpty());
    assertEquals(4, none.numUsers());
    assertEquals(0, none.usersKnown());
    assertEquals(UserAttributes.none(4), none);
    assertNotEquals(UserAttributes.none(3), none);
    assertNotEquals(sample(), UserAttributes.none(3));
    assertEquals(UserAttributes.none(2), none.select(new int[] {0, 3}));
  }

  @Test
  void aDatasetWithoutAttributesHasNoneAndRefusesAttributesOfAnotherUserCount() {
    Ratings r = new Ratings(new int[] {0, 1, 2}, new int[] {0, 0, 0}, new float[] {4f, 3f, 5f}, new int[3], 3, 1);
    Catalog c = Catalog.builder().addPlaceholder("1").build();
    Dataset d = new Dataset(r, IdIndex.of("7", "10", "3"), IdIndex.of("1"), c, Provenance.of("test", 3, null));
    assertTrue(d.userAttributes().isEmpty());
    assertEquals(3, d.userAttributes().numUsers());
    Dataset with = d.withUserAttributes(sample());
    assertEquals("F", with.userAttributes().value(0, 1));
    assertEquals(sample(), with.withRatings(r).userAttributes(), "a split's part keeps them");
    assertEquals(sample(), with.withScale(RatingScale.WHOLE_STARS).userAttributes());
    var e = assertThrows(IllegalArgumentException.class, () -> d.withUserAttributes(UserAttributes.none(2)));
    assertEquals("user attributes are over 2 users but the user index has 3", e.getMessage());
  }
}
