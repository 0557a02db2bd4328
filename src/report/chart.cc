// Charts drawn with cairo and laid out with pango, so Chinese labels render
// with whatever CJK font fontconfig finds (Noto Sans CJK SC or WenQuanYi
// Micro Hei on Debian). Output is PNG bytes, embedded in DOCX and HTML.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>

#include "report/report_internal.h"

namespace minyi {
namespace {

constexpr const char* kFont = "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif";
constexpr double kPalette[][3] = {{0.16, 0.38, 0.67}, {0.85, 0.45, 0.16}, {0.30, 0.62, 0.33},
                                  {0.78, 0.22, 0.25}, {0.55, 0.40, 0.70}, {0.45, 0.45, 0.45}};

void Color(cairo_t* cr, size_t i) {
  const double* c = kPalette[i % std::size(kPalette)];
  cairo_set_source_rgb(cr, c[0], c[1], c[2]);
}

// Draws text with its top-left (align 0), centre (0.5) or right (1) at x.
void Text(cairo_t* cr, const std::string& s, double x, double y, int size, double align = 0, int max_w = -1) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* fd = pango_font_description_from_string(kFont);
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  pango_layout_set_font_description(layout, fd);
  pango_layout_set_text(layout, s.c_str(), static_cast<int>(s.size()));
  if (max_w > 0) {
    pango_layout_set_width(layout, max_w * PANGO_SCALE);
    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
  }
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  cairo_move_to(cr, x - w * align, y);
  pango_cairo_show_layout(cr, layout);
  pango_font_description_free(fd);
  g_object_unref(layout);
}

std::string Num(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 1e-9)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

void DrawAxes(cairo_t* cr, const Chart& c, double x0, double y0, double x1, double y1, double max) {
  cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
  cairo_set_line_width(cr, 1);
  for (int i = 0; i <= 4; ++i) {
    double y = y1 - (y1 - y0) * i / 4;
    cairo_move_to(cr, x0, y + 0.5);
    cairo_line_to(cr, x1, y + 0.5);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    Text(cr, Num(max * i / 4), x0 - 6, y - 8, 13, 1);
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
  }
  size_t n = c.labels.size();
  double step = (x1 - x0) / std::max<size_t>(n, 1);
  size_t every = std::max<size_t>(1, n / 12);  // keep long series readable
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  for (size_t i = 0; i < n; i += every) {
    Text(cr, c.labels[i], x0 + step * (i + 0.5), y1 + 6, 13, 0.5, static_cast<int>(step * every) - 2);
  }
}

void DrawBarsOrLine(cairo_t* cr, const Chart& c, int w, int h) {
  double x0 = 70, y0 = 60, x1 = w - 30, y1 = h - 50;
  double max = 1;
  for (double v : c.values) max = std::max(max, v);
  max = std::ceil(max / 4) * 4;
  DrawAxes(cr, c, x0, y0, x1, y1, max);
  size_t n = c.values.size();
  double step = (x1 - x0) / std::max<size_t>(n, 1);
  Color(cr, 0);
  if (c.type == ChartType::kBar) {
    for (size_t i = 0; i < n; ++i) {
      double bh = (y1 - y0) * c.values[i] / max;
      cairo_rectangle(cr, x0 + step * i + step * 0.2, y1 - bh, step * 0.6, bh);
      cairo_fill(cr);
      if (n <= 16) {
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        Text(cr, Num(c.values[i]), x0 + step * (i + 0.5), y1 - bh - 20, 13, 0.5);
        Color(cr, 0);
      }
    }
    return;
  }
  cairo_set_line_width(cr, 2.5);
  for (size_t i = 0; i < n; ++i) {
    double x = x0 + step * (i + 0.5), y = y1 - (y1 - y0) * c.values[i] / max;
    if (i == 0)
      cairo_move_to(cr, x, y);
    else
      cairo_line_to(cr, x, y);
  }
  cairo_stroke(cr);
}

void DrawPie(cairo_t* cr, const Chart& c, int w, int h) {
  double total = 0;
  for (double v : c.values) total += std::max(0.0, v);
  double cx = w * 0.35, cy = h / 2.0 + 15, r = std::min(w * 0.3, h / 2.0 - 45);
  double a = -M_PI / 2;
  for (size_t i = 0; i < c.values.size(); ++i) {
    double share = total > 0 ? std::max(0.0, c.values[i]) / total : 0;
    Color(cr, i);
    cairo_move_to(cr, cx, cy);
    cairo_arc(cr, cx, cy, r, a, a + share * 2 * M_PI);
    cairo_close_path(cr);
    cairo_fill(cr);
    a += share * 2 * M_PI;
    double ly = 80 + 30 * static_cast<double>(i);
    cairo_rectangle(cr, w * 0.7, ly + 3, 16, 16);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.1f%%", share * 100);
    Text(cr, c.labels[i] + "  " + Num(c.values[i]) + "（" + pct + "）", w * 0.7 + 24, ly, 15, 0, w * 0.3 - 30);
  }
  if (total <= 0) {
    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    Text(cr, "本期无数据", cx, cy - 10, 16, 0.5);
  }
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> RenderChartPng(const Chart& chart, int width_px, int height_px) {
  if (width_px < 100 || height_px < 80 || width_px > 4000 || height_px > 4000) {
    return InvalidArgument("图表尺寸超出范围");
  }
  if (chart.labels.size() != chart.values.size()) return InvalidArgument("图表的标签与数值个数不一致");
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width_px, height_px);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  Text(cr, chart.title, width_px / 2.0, 14, 20, 0.5, width_px - 20);
  if (chart.type == ChartType::kPie)
    DrawPie(cr, chart, width_px, height_px);
  else
    DrawBarsOrLine(cr, chart, width_px, height_px);
  cairo_destroy(cr);
  std::string png;
  cairo_status_t st = cairo_surface_write_to_png_stream(surface, Append, &png);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) return Internal("图表生成失败");
  return png;
}

}  // namespace minyi
