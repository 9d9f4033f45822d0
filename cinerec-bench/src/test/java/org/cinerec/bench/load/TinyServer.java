package org.cinerec.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-socket HTTP/1.1 server for the load generator's tests: a thread per connection, requests parsed
 * by hand (Content-Length bodies only), each answered by a handler that writes raw bytes, so a test controls
 * exactly what goes on the wire (framing, fragmentation, stalls, closes).
 */
final class TinyServer implements AutoCloseable {
  /** One parsed request. */
  record Req(int connection, int index, String method, String path, List<String> headers, String body) {
    String header(String name) {
      for (String h : headers) {
        int c = h.indexOf(':');
        if (h.substring(0, c).trim().equalsIgnoreCase(name)) {
          return h.substring(c + 1).trim();
        }
      }
      return null;
    }
  }

  /** Writes the response to {@code req}; returns false to close the connection after it. */
  interface Handler {
    boolean handle(Req req, OutputStream out) throws IOException;
  }

  private final ServerSocket server;
  private final Handler handler;
  private final AtomicInteger connections = new AtomicInteger();
  final List<Req> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());

  TinyServer(Handler handler) throws IOException {
    this.handler = handler;
    server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::accept, "tiny-accept");
    t.setDaemon(true);
    t.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  int port() {
    return server.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  /** A 200 response with a Content-Length body and the given extra header lines. */
  static void ok(OutputStream out, String body, String... headers) throws IOException {
    respond(out, 200, body, headers);
  }

  static void respond(OutputStream out, int status, String body, String... headers) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder("HTTP/1.1 " + status + " X\r\nContent-Length: " + b.length + "\r\n");
    for (String line : headers) {
      h.append(line).append("\r\n");
    }
    h.append("\r\n");
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    all.write(b);
    out.write(all.toByteArray());
    out.flush();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        open.add(s);
        int id = connections.getAndIncrement();
        Thread t = new Thread(() -> serve(s, id), "tiny-conn-" + id);
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s, int id) {
    try (s) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      int index = 0;
      while (true) {
        String line = line(in);
        if (line == null) {
          return;
        }
        String[] parts = line.split(" ");
        List<String> headers = new ArrayList<>();
        int length = 0;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
          headers.add(h);
          if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(h.substring(15).trim());
          }
        }
        byte[] body = in.readNBytes(length);
        Req req = new Req(id, index++, parts[0], parts[1], headers, new String(body, StandardCharsets.UTF_8));
        requests.add(req);
        if (!handler.handle(req, out)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int n = b.length();
        return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
      }
      b.append((char) c);
    }
    return b.length() == 0 ? null : b.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (open) {
      for (Socket s : open) {
        s.close();
      }
    }
  }
}
