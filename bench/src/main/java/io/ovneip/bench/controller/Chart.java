package io.ovneip.bench.controller;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A minimal line chart drawn with Java2D (no plotting dependency): log or linear axes, one polyline
 * with point marks per series, a legend. Enough for a CDF and a scaling plot.
 */
final class Chart {
  /** A named series of (x, y) points; {@code dashed} for references, solid for our own. */
  record Series(String name, List<double[]> points, boolean dashed) {
    Series {
      points = List.copyOf(points);
    }
  }

  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0xe377c2),
    new Color(0x7f7f7f),
    new Color(0x17becf),
    new Color(0xbcbd22)
  };
  private static final int W = 900;
  private static final int H = 560;
  private static final int L = 80;
  private static final int R = 280;
  private static final int T = 50;
  private static final int B = 60;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean logX;
  private final boolean logY;
  private final List<Series> series = new ArrayList<>();

  Chart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
    this.logY = logY;
  }

  Chart add(Series s) {
    if (!s.points().isEmpty()) {
      series.add(s);
    }
    return this;
  }

  void write(Path png) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, L, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    double[] xr = range(0);
    double[] yr = range(1);
    axes(g, xr, yr);
    for (int i = 0; i < series.size(); i++) {
      draw(g, series.get(i), PALETTE[i % PALETTE.length], xr, yr, i);
    }
    g.dispose();
    try {
      ImageIO.write(img, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private double[] range(int axis) {
    boolean log = axis == 0 ? logX : logY;
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (Series s : series) {
      for (double[] p : s.points()) {
        double v = p[axis];
        if (Double.isNaN(v) || (log && v <= 0)) {
          continue;
        }
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) {
      return new double[] {log ? 1 : 0, log ? 10 : 1};
    }
    if (log) {
      return new double[] {
        Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi)))
      };
    }
    return new double[] {Math.min(0, lo), hi == lo ? hi + 1 : hi * 1.05};
  }

  private int px(double x, double[] xr) {
    double f =
        logX
            ? (Math.log10(x) - Math.log10(xr[0])) / (Math.log10(xr[1]) - Math.log10(xr[0]))
            : (x - xr[0]) / (xr[1] - xr[0]);
    return L + (int) Math.round(f * (W - L - R));
  }

  private int py(double y, double[] yr) {
    double f =
        logY
            ? (Math.log10(y) - Math.log10(yr[0])) / (Math.log10(yr[1]) - Math.log10(yr[0]))
            : (y - yr[0]) / (yr[1] - yr[0]);
    return H - B - (int) Math.round(f * (H - T - B));
  }

  private void axes(Graphics2D g, double[] xr, double[] yr) {
    g.setColor(Color.BLACK);
    g.drawRect(L, T, W - L - R, H - T - B);
    for (double x : ticks(xr, logX)) {
      int p = px(x, xr);
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(p, T, p, H - B);
      g.setColor(Color.BLACK);
      g.drawString(label(x), p - 12, H - B + 16);
    }
    for (double y : ticks(yr, logY)) {
      int p = py(y, yr);
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(L, p, W - R, p);
      g.setColor(Color.BLACK);
      g.drawString(label(y), 8, p + 4);
    }
    g.drawString(xLabel, L + (W - L - R) / 2 - 60, H - 18);
    g.drawString(yLabel, 8, T - 10);
  }

  private static List<Double> ticks(double[] r, boolean log) {
    List<Double> t = new ArrayList<>();
    if (log) {
      for (double v = r[0]; v <= r[1] * 1.0001; v *= 10) {
        t.add(v);
      }
    } else {
      double step = Math.pow(10, Math.floor(Math.log10((r[1] - r[0]) / 5)));
      if ((r[1] - r[0]) / step > 10) {
        step *= 2;
      }
      for (double v = Math.ceil(r[0] / step) * step; v <= r[1]; v += step) {
        t.add(v);
      }
    }
    return t;
  }

  private static String label(double v) {
    if (v >= 1000) {
      return String.format("%,.0f", v);
    }
    if (v >= 1) {
      return String.format("%.0f", v);
    }
    return String.format("%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private void draw(Graphics2D g, Series s, Color c, double[] xr, double[] yr, int index) {
    g.setColor(c);
    g.setStroke(
        s.dashed()
            ? new BasicStroke(
                2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
            : new BasicStroke(2f));
    int[] prev = null;
    for (double[] p : s.points()) {
      if (Double.isNaN(p[0]) || Double.isNaN(p[1]) || (logX && p[0] <= 0) || (logY && p[1] <= 0)) {
        continue;
      }
      int[] cur = {px(p[0], xr), py(p[1], yr)};
      if (prev != null) {
        g.drawLine(prev[0], prev[1], cur[0], cur[1]);
      }
      if (s.points().size() <= 12) {
        g.fillOval(cur[0] - 3, cur[1] - 3, 7, 7);
      }
      prev = cur;
    }
    int ly = T + 14 + index * 20;
    g.drawLine(W - R + 14, ly - 4, W - R + 40, ly - 4);
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.BLACK);
    g.drawString(s.name(), W - R + 46, ly);
  }
}
