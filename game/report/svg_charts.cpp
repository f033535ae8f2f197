#include "report/svg_charts.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "world/model/decimal_text.hpp"

namespace meshlings::report {
namespace {

constexpr double kWidth = 800;
constexpr double kHeight = 360;
constexpr double kLeft = 70;
constexpr double kRight = 730;
constexpr double kTop = 40;
constexpr double kBottom = 300;

std::string num(double value) {
    return world::decimalText(value, 1);
}

// A round upper bound for an axis: 1, 2 or 5 times a power of ten.
double niceMax(double value) {
    if (value <= 0) return 1;
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * power) return step * power;
    }
    return 10 * power;
}

void header(std::ostringstream& out, const std::string& title) {
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
        << "\" viewBox=\"0 0 " << kWidth << " " << kHeight << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        << "<text x=\"" << kWidth / 2 << "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">"
        << SvgCharts::escape(title) << "</text>\n"
        << "<line x1=\"" << kLeft << "\" y1=\"" << kBottom << "\" x2=\"" << kRight << "\" y2=\"" << kBottom
        << "\" stroke=\"black\"/>\n"
        << "<line x1=\"" << kLeft << "\" y1=\"" << kTop << "\" x2=\"" << kLeft << "\" y2=\"" << kBottom
        << "\" stroke=\"black\"/>\n";
}

std::string actionLabel(const world::ActionScore& a) {
    return std::string(world::disruptionKindName(a.action.kind)) + " " + a.action.target;
}

}  // namespace

std::string SvgCharts::escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string SvgCharts::availability(const DrillRecord& d) {
    std::ostringstream out;
    header(out, "Availability and p99 latency per second, " + d.level.title);
    double from = d.timeline.empty() ? 0 : d.timeline.front().second;
    double to = d.timeline.empty() ? 1 : d.timeline.back().second + 1;
    for (const auto& a : d.report.actions) {
        from = std::min(from, a.atSeconds);
        to = std::max(to, a.atSeconds + 1);
    }
    const double span = std::max(1.0, to - from);
    const auto x = [&](double second) { return kLeft + (second - from) / span * (kRight - kLeft); };
    int maxP99 = 0;
    for (const auto& s : d.timeline) maxP99 = std::max(maxP99, s.p99Ms.value_or(0));
    const double p99Top = niceMax(maxP99);
    const auto yShare = [](double share) { return kBottom - share * (kBottom - kTop); };
    const auto yMs = [&](double ms) { return kBottom - std::min(ms, p99Top) / p99Top * (kBottom - kTop); };

    // Axes: availability on the left, p99 on the right, seconds below.
    out << "<line x1=\"" << kRight << "\" y1=\"" << kTop << "\" x2=\"" << kRight << "\" y2=\"" << kBottom
        << "\" stroke=\"#1f5fbf\"/>\n";
    for (int i = 0; i <= 4; ++i) {
        const double share = i / 4.0;
        out << "<line x1=\"" << kLeft << "\" y1=\"" << num(yShare(share)) << "\" x2=\"" << kRight << "\" y2=\""
            << num(yShare(share)) << "\" stroke=\"#dddddd\"/>\n"
            << "<text x=\"" << kLeft - 6 << "\" y=\"" << num(yShare(share) + 4)
            << "\" text-anchor=\"end\" fill=\"#1a7f37\">" << i * 25 << " %</text>\n"
            << "<text x=\"" << kRight + 6 << "\" y=\"" << num(yShare(share) + 4) << "\" fill=\"#1f5fbf\">"
            << num(p99Top * share) << " ms</text>\n";
    }
    const int tickEvery = std::max(1, static_cast<int>(niceMax(span / 8)));
    for (int s = static_cast<int>(std::ceil(from / tickEvery)) * tickEvery; s <= to; s += tickEvery) {
        out << "<text x=\"" << num(x(s)) << "\" y=\"" << kBottom + 16 << "\" text-anchor=\"middle\">" << s
            << "</text>\n";
    }
    out << "<text x=\"" << (kLeft + kRight) / 2 << "\" y=\"" << kBottom + 34
        << "\" text-anchor=\"middle\">seconds of the session</text>\n";

    // The two series, one point per second with requests.
    std::string good;
    std::string p99;
    for (const auto& s : d.timeline) {
        const double mid = s.second + 0.5;
        if (s.availability) good += num(x(mid)) + "," + num(yShare(*s.availability)) + " ";
        if (s.p99Ms) p99 += num(x(mid)) + "," + num(yMs(*s.p99Ms)) + " ";
    }
    out << "<polyline fill=\"none\" stroke=\"#1a7f37\" stroke-width=\"2\" points=\"" << good << "\"/>\n";
    out << "<polyline fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\" points=\"" << p99
        << "\"/>\n";

    // The actions.
    int row = 0;
    for (const auto& a : d.report.actions) {
        const double ax = x(a.atSeconds);
        out << "<line x1=\"" << num(ax) << "\" y1=\"" << kTop << "\" x2=\"" << num(ax) << "\" y2=\"" << kBottom
            << "\" stroke=\"#cf222e\" stroke-width=\"1.5\"/>\n"
            << "<text x=\"" << num(ax + 3) << "\" y=\"" << kTop + 12 + 14 * (row++ % 4) << "\" fill=\"#cf222e\">"
            << escape(actionLabel(a)) << "</text>\n";
    }
    // Legend.
    out << "<text x=\"" << kLeft << "\" y=\"" << kHeight - 8
        << "\" fill=\"#1a7f37\">— good share (availability)</text>\n"
        << "<text x=\"" << kLeft + 220 << "\" y=\"" << kHeight - 8 << "\" fill=\"#1f5fbf\">- - p99 latency</text>\n"
        << "<text x=\"" << kLeft + 360 << "\" y=\"" << kHeight - 8
        << "\" fill=\"#cf222e\">| disruptive action</text>\n";
    out << "</svg>\n";
    return out.str();
}

std::string SvgCharts::recovery(const DrillRecord& d) {
    std::ostringstream out;
    header(out, "Recovery time per action, " + d.level.title);
    const auto& actions = d.report.actions;
    const double target = static_cast<double>(d.config.recoveryTargetTicks) / world::kTicksPerSecond;
    double longest = target;
    for (const auto& a : actions) longest = std::max(longest, a.recoverySeconds.value_or(a.windowSeconds));
    const double top = niceMax(longest);
    const auto y = [&](double seconds) { return kBottom - std::min(seconds, top) / top * (kBottom - kTop); };
    for (int i = 0; i <= 4; ++i) {
        const double seconds = top * i / 4.0;
        out << "<line x1=\"" << kLeft << "\" y1=\"" << num(y(seconds)) << "\" x2=\"" << kRight << "\" y2=\""
            << num(y(seconds)) << "\" stroke=\"#dddddd\"/>\n"
            << "<text x=\"" << kLeft - 6 << "\" y=\"" << num(y(seconds) + 4) << "\" text-anchor=\"end\">"
            << num(seconds) << " s</text>\n";
    }
    out << "<line x1=\"" << kLeft << "\" y1=\"" << num(y(target)) << "\" x2=\"" << kRight << "\" y2=\""
        << num(y(target)) << "\" stroke=\"#1a7f37\" stroke-dasharray=\"6 3\"/>\n"
        << "<text x=\"" << kRight - 4 << "\" y=\"" << num(y(target) - 4)
        << "\" text-anchor=\"end\" fill=\"#1a7f37\">target " << num(target) << " s (r = 1)</text>\n";
    if (actions.empty()) {
        out << "<text x=\"" << (kLeft + kRight) / 2 << "\" y=\"" << (kTop + kBottom) / 2
            << "\" text-anchor=\"middle\">no disruptive action was taken</text>\n";
    }
    const double slot = (kRight - kLeft) / static_cast<double>(std::max<std::size_t>(actions.size(), 1));
    const double bar = std::min(60.0, slot * 0.6);
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const auto& a = actions[i];
        const double cx = kLeft + slot * (static_cast<double>(i) + 0.5);
        const bool recovered = a.recoverySeconds.has_value();
        const double seconds = recovered ? *a.recoverySeconds : a.windowSeconds;
        out << "<rect x=\"" << num(cx - bar / 2) << "\" y=\"" << num(y(seconds)) << "\" width=\"" << num(bar)
            << "\" height=\"" << num(kBottom - y(seconds)) << "\" fill=\"" << (recovered ? "#1f5fbf" : "#cf222e")
            << "\"/>\n"
            << "<text x=\"" << num(cx) << "\" y=\"" << num(y(seconds) - 4) << "\" text-anchor=\"middle\">"
            << (recovered ? num(seconds) + " s" : "not recovered") << "</text>\n"
            << "<text x=\"" << num(cx) << "\" y=\"" << kBottom + 16 << "\" text-anchor=\"middle\">"
            << escape(actionLabel(a)) << "</text>\n"
            << "<text x=\"" << num(cx) << "\" y=\"" << kBottom + 30 << "\" text-anchor=\"middle\" fill=\"#555555\">at "
            << num(a.atSeconds) << " s</text>\n";
    }
    out << "</svg>\n";
    return out.str();
}

}  // namespace meshlings::report
