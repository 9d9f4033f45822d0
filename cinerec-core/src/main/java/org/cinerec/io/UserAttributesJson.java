package org.cinerec.io;

import java.util.ArrayList;
import java.util.List;
import org.cinerec.data.UserAttributes;

/**
 * The users' attributes for the dataset file's provenance JSON (member {@code "userAttributes"}, absent when
 * there are none): the names, each attribute's vocabulary of values and one code per user into it (-1
 * unknown), e.g. {@code {"names":["age","gender"],"levels":[["25","53"],["M","F"]],"codes":[[0,1,-1],[0,1,1]]}}.
 */
record UserAttributesJson(List<String> names, List<List<String>> levels, List<int[]> codes) {

  static UserAttributesJson of(UserAttributes a) {
    List<List<String>> levels = new ArrayList<>();
    List<int[]> codes = new ArrayList<>();
    for (int k = 0; k < a.names().size(); k++) {
      levels.add(a.levels(k));
      int[] c = new int[a.numUsers()];
      for (int u = 0; u < c.length; u++) {
        c[u] = a.code(u, k);
      }
      codes.add(c);
    }
    return new UserAttributesJson(a.names(), levels, codes);
  }

  /** The attributes of {@code numUsers} users; an IllegalArgumentException when the parts do not fit. */
  UserAttributes toAttributes(int numUsers) {
    if (names == null || levels == null || codes == null) {
      throw new IllegalArgumentException("names, levels or codes missing");
    }
    return UserAttributes.ofCodes(numUsers, names, levels, codes);
  }
}
