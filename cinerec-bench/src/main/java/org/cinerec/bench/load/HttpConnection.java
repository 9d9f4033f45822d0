package org.cinerec.bench.load;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One HTTP/1.1 client connection on a plain blocking socket: writes a request in one write, reads exactly
 * one response (status line, headers, and a body framed by Content-Length, chunked transfer coding, or the
 * end of the connection), one request in flight at a time (no pipelining). Interim 1xx responses are
 * skipped. Buffers are reused, so a steady run allocates almost nothing here. Not thread-safe: one thread
 * per connection.
 */
public final class HttpConnection implements Closeable {
  /** Longest status or header line accepted, in bytes. */
  static final int MAX_LINE = 64 * 1024;
  private static final byte[] CRLF = {'\r', '\n'};

  private final InetSocketAddress address;
  private final byte[] hostHeader;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  /** Read buffer: unread bytes are {@code rbuf[rpos..rlim)}. */
  private byte[] rbuf = new byte[16 * 1024];
  private int rpos;
  private int rlim;
  private byte[] wbuf = new byte[4 * 1024];
  private int wlen;
  private final Response response = new Response();
  private boolean keepAlive;
  private long exchanges;
  private boolean responseStarted;
  private long retries;
  private long opened;

  /**
   * @param address       where to connect
   * @param hostHeader    the {@code Host} header value, such as {@code 127.0.0.1:8080}
   * @param timeoutMillis connect timeout, and the longest wait for each read
   */
  public HttpConnection(InetSocketAddress address, String hostHeader, int timeoutMillis) {
    this.address = address;
    this.hostHeader = hostHeader.getBytes(StandardCharsets.ISO_8859_1);
    this.timeoutMillis = timeoutMillis;
  }

  /** True when a socket is open (it may still turn out to be closed by the peer). */
  public boolean isOpen() {
    return socket != null;
  }

  /** Opens the socket (TCP_NODELAY, read timeout). */
  public void open() throws IOException {
    close();
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout(timeoutMillis);
      s.connect(address, timeoutMillis);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    opened++;
    exchanges = 0;
    in = s.getInputStream();
    out = s.getOutputStream();
    rpos = 0;
    rlim = 0;
  }

  /**
   * Sends {@code request} and reads its response into {@link #response()}; closes the connection when the
   * response says so (or has a close-delimited body), and on any error.
   *
   * @throws IOException on a socket error, a timeout, or a malformed response ({@link ProtocolException})
   */
  public Response exchange(Request request) throws IOException {
    boolean reused = socket != null && exchanges > 0;
    if (socket == null) {
      open();
    }
    try {
      responseStarted = false;
      try {
        write(request);
        read(request.isHead());
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        // the server closed an idle kept-alive connection just as we reused it: an idempotent request is
        // sent again once on a new connection, as HTTP clients do (RFC 9112 §9.3.1)
        if (!reused || responseStarted || !idempotent(request.method())) {
          throw e;
        }
        retries++;
        open();
        write(request);
        read(request.isHead());
      }
      exchanges++;
      if (!keepAlive) {
        close();
      }
      return response;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** How many requests were sent again on a new connection after the old one closed before answering. */
  public long retries() {
    return retries;
  }

  /** How many sockets this connection has opened. */
  public long opened() {
    return opened;
  }

  private static boolean idempotent(String method) {
    return switch (method) {
      case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
      default -> false;
    };
  }

  /** The last response read; reused by the next exchange. */
  public Response response() {
    return response;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing: nothing to do
      }
      socket = null;
      in = null;
      out = null;
    }
  }

  // ---- writing ----

  private void write(Request q) throws IOException {
    wlen = 0;
    ascii(q.method());
    put((byte) ' ');
    utf8(q.path());
    ascii(" HTTP/1.1\r\nHost: ");
    put(hostHeader, 0, hostHeader.length);
    put(CRLF, 0, 2);
    String[] h = q.headers();
    for (int i = 0; i < h.length; i += 2) {
      utf8(h[i]);
      ascii(": ");
      utf8(h[i + 1]);
      put(CRLF, 0, 2);
    }
    byte[] body = q.body();
    if (body.length > 0 || !(q.method().equals("GET") || q.method().equals("HEAD") || q.method().equals("DELETE"))) {
      ascii("Content-Length: ");
      ascii(Integer.toString(body.length));
      put(CRLF, 0, 2);
    }
    put(CRLF, 0, 2);
    put(body, 0, body.length);
    out.write(wbuf, 0, wlen);
    out.flush();
  }

  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      wbuf[wlen++] = (byte) s.charAt(i);
    }
  }

  private void utf8(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    put(b, 0, b.length);
  }

  private void put(byte b) {
    ensure(1);
    wbuf[wlen++] = b;
  }

  private void put(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, wbuf, wlen, len);
    wlen += len;
  }

  private void ensure(int n) {
    if (wlen + n > wbuf.length) {
      wbuf = Arrays.copyOf(wbuf, Math.max(wlen + n, wbuf.length * 2));
    }
  }

  // ---- reading ----

  private void read(boolean head) throws IOException {
    int status;
    do {
      status = readHead();
    } while (status >= 100 && status < 200 && status != 101);
    if (head || status == 204 || status == 304 || status == 101) {
      return;
    }
    String te = response.lastToken("Transfer-Encoding");
    if (te != null) {
      if (!te.equalsIgnoreCase("chunked")) {
        keepAlive = false;
        readToEnd();
        return;
      }
      readChunked();
      return;
    }
    String cl = response.header("Content-Length");
    if (cl != null) {
      long n = parseLength(cl);
      readFixed(n);
      return;
    }
    keepAlive = false;
    readToEnd();
  }

  /** Reads a status line and headers; returns the status. */
  private int readHead() throws IOException {
    int start = readLine(true);
    // "HTTP/1.1 200 OK": version, space, three digits, then space or end of line
    int end = lineEnd;
    if (end - start < 12 || !startsWith(start, "HTTP/1.") || rbuf[start + 8] != ' ') {
      throw new ProtocolException("not an HTTP/1.x status line: \"" + text(start, end) + "\"");
    }
    boolean http10 = rbuf[start + 7] == '0';
    int status = 0;
    for (int i = start + 9; i < start + 12; i++) {
      byte b = rbuf[i];
      if (b < '0' || b > '9') {
        throw new ProtocolException("bad status code in \"" + text(start, end) + "\"");
      }
      status = status * 10 + (b - '0');
    }
    response.reset(status);
    while (true) {
      int ls = readLine(false);
      int le = lineEnd;
      if (ls == le) {
        break;
      }
      int colon = ls;
      while (colon < le && rbuf[colon] != ':') {
        colon++;
      }
      if (colon == le || colon == ls) {
        throw new ProtocolException("bad header line \"" + text(ls, le) + "\"");
      }
      response.addHeader(rbuf, ls, colon, colon + 1, le);
    }
    keepAlive = http10 ? response.hasToken("Connection", "keep-alive") : !response.hasToken("Connection", "close");
    return status;
  }

  private void readFixed(long n) throws IOException {
    while (n > 0) {
      if (rpos == rlim && !fill()) {
        throw new EOFException("connection closed with " + n + " body bytes still to come");
      }
      int take = (int) Math.min(n, rlim - rpos);
      response.appendBody(rbuf, rpos, take);
      rpos += take;
      n -= take;
    }
  }

  private void readChunked() throws IOException {
    while (true) {
      int ls = readLine(false);
      int le = lineEnd;
      long size = 0;
      int p = ls;
      for (; p < le; p++) {
        int d = Character.digit(rbuf[p], 16);
        if (d < 0) {
          break;
        }
        size = size * 16 + d;
        if (size > Integer.MAX_VALUE) {
          throw new ProtocolException("chunk size too large: \"" + text(ls, le) + "\"");
        }
      }
      if (p == ls || (p < le && rbuf[p] != ';' && rbuf[p] != ' ' && rbuf[p] != '\t')) {
        throw new ProtocolException("bad chunk size line \"" + text(ls, le) + "\"");
      }
      if (size == 0) {
        while (readLine(false) != lineEnd) {
          // trailer fields: ignored
        }
        return;
      }
      readFixed(size);
      int cs = readLine(false);
      if (cs != lineEnd) {
        throw new ProtocolException("chunk data not followed by CRLF: \"" + text(cs, lineEnd) + "\"");
      }
    }
  }

  private void readToEnd() throws IOException {
    while (true) {
      if (rpos == rlim && !fill()) {
        return;
      }
      response.appendBody(rbuf, rpos, rlim - rpos);
      rpos = rlim;
    }
  }

  /** End (exclusive, before CR LF) of the line {@link #readLine} returned last. */
  private int lineEnd;

  /**
   * Reads one line ending in LF (CR LF, or a bare LF); returns its start in {@link #rbuf} and sets
   * {@link #lineEnd}. The line stays valid until the next read.
   */
  private int readLine(boolean first) throws IOException {
    int scan = rpos;
    while (true) {
      for (; scan < rlim; scan++) {
        if (rbuf[scan] == '\n') {
          int start = rpos;
          int end = scan > start && rbuf[scan - 1] == '\r' ? scan - 1 : scan;
          rpos = scan + 1;
          lineEnd = end;
          return start;
        }
      }
      if (scan - rpos > MAX_LINE) {
        throw new ProtocolException("line longer than " + MAX_LINE + " bytes");
      }
      int consumed = scan - rpos;
      if (!fill()) {
        throw first && consumed == 0 && rlim == rpos
            ? new NoResponseException()
            : new EOFException("connection closed in the middle of a response head");
      }
      scan = rpos + consumed;
    }
  }

  /** Reads more bytes after {@code rlim}, moving unread bytes to the front first; false at end of stream. */
  private boolean fill() throws IOException {
    if (rpos > 0) {
      System.arraycopy(rbuf, rpos, rbuf, 0, rlim - rpos);
      rlim -= rpos;
      rpos = 0;
    }
    if (rlim == rbuf.length) {
      rbuf = Arrays.copyOf(rbuf, rbuf.length * 2);
    }
    int n = in.read(rbuf, rlim, rbuf.length - rlim);
    if (n < 0) {
      return false;
    }
    responseStarted = true;
    rlim += n;
    return true;
  }

  private static long parseLength(String v) throws ProtocolException {
    // a repeated value "12, 12" is allowed when all are equal (RFC 9110 §8.6)
    long n = -1;
    long x = 0;
    int digits = 0;
    boolean ended = false;
    for (int i = 0; i <= v.length(); i++) {
      char c = i < v.length() ? v.charAt(i) : ',';
      if (c >= '0' && c <= '9') {
        if (ended || ++digits > 18) {
          throw new ProtocolException("bad Content-Length \"" + v + "\"");
        }
        x = x * 10 + (c - '0');
      } else if (c == ',') {
        if (digits == 0 || (n >= 0 && x != n)) {
          throw new ProtocolException((digits == 0 ? "bad" : "conflicting") + " Content-Length \"" + v + "\"");
        }
        n = x;
        x = 0;
        digits = 0;
        ended = false;
      } else if (c == ' ' || c == '\t') {
        ended = digits > 0;
      } else {
        throw new ProtocolException("bad Content-Length \"" + v + "\"");
      }
    }
    return n;
  }

  private boolean startsWith(int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (rbuf[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String text(int from, int to) {
    int end = Math.min(to, from + 200);
    return new String(rbuf, from, end - from, StandardCharsets.ISO_8859_1) + (end < to ? "..." : "");
  }

  /** The connection closed before the first byte of a response. */
  static final class NoResponseException extends EOFException {
    NoResponseException() {
      super("connection closed before a response");
    }
  }

  /** A response that does not follow HTTP/1.1. */
  public static final class ProtocolException extends IOException {
    public ProtocolException(String message) {
      super(message);
    }
  }
}
