package org.cinerec.viz.report;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.cinerec.viz.Figure;

/** Small HTML building blocks with escaping. */
final class Html {
  private Html() {}

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  /** A two-column table of label → value (values already HTML). */
  static void facts(StringBuilder b, List<String[]> rows) {
    b.append("<table class=\"facts\">\n");
    for (String[] r : rows) {
      b.append("<tr><th>").append(esc(r[0])).append("</th><td>").append(r[1]).append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  /** A figure with the picture embedded as a base64 PNG. */
  static void figure(StringBuilder b, Figure f, String caption) {
    b.append("<figure id=\"").append(esc(f.name())).append("\">\n<img alt=\"").append(esc(f.title()))
        .append("\" width=\"").append(f.width()).append("\" height=\"").append(f.height())
        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(f.png())).append("\">\n");
    if (caption != null && !caption.isEmpty()) {
      b.append("<figcaption>").append(esc(caption)).append("</figcaption>\n");
    }
    b.append("</figure>\n");
  }

  static final String CSS = """
      body{font-family:"DejaVu Sans",Verdana,sans-serif;color:#222;max-width:1140px;margin:2em auto;padding:0 1em;line-height:1.45}
      h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #0072b2;padding-bottom:.2em}
      h3{margin-top:1.5em}.meta{color:#555}
      table{border-collapse:collapse;margin:.6em 0;display:block;max-width:100%;overflow-x:auto}th,td{padding:.25em .55em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
      td.num{text-align:right;font-variant-numeric:tabular-nums}table.facts th{font-weight:normal;color:#555}
      .best{font-weight:bold}code,.ex{font-family:"DejaVu Sans Mono",monospace;font-size:.88em}
      .ex{color:#555;display:block;white-space:pre-wrap}
      figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
      figcaption{color:#555;font-size:.92em}nav a{margin-right:1em}ul.skipped{color:#8a4b00}
      """;
}
