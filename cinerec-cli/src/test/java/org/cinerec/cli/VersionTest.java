package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cinerec.cli.CliFixture.Run;
import org.junit.jupiter.api.Test;

class VersionTest {

  @Test
  void versionNamesTheJavaKernelsAndTheBundledBlas() {
    Run r = CliFixture.run("--version");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("cinerec "), r.out());
    assertTrue(r.out().contains("\nkernels: Vector API, "), r.out());
    boolean linuxX86 = System.getProperty("os.name").startsWith("Linux")
        && System.getProperty("os.arch").matches("amd64|x86_64");
    String blas = r.out().lines().filter(l -> l.startsWith("blas: ")).findFirst().orElse("(no blas line)");
    if (linuxX86) {
      assertEquals("blas: bundled OpenBLAS 0.3.31 (org.bytedeco:openblas 0.3.31-1.5.13), 1 thread, Haswell kernels (OPENBLAS_CORETYPE)", blas);
    } else {
      assertTrue(blas.startsWith("blas: Java, "), blas);
    }
  }
}
