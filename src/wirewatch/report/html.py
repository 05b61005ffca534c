"""A situation report as one HTML page (Jinja2, autoescaped): charts as inline SVG, every
statement linked to its numbered citation, every citation linked to its sentence.

`standalone` pages (written by `wirewatch report --format html`) carry their own small stylesheet
and link citations within the page; pages served by the desk use the desk's stylesheet (its CSP
forbids inline styles) and link citations to the article reader.
"""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from wirewatch.report.build import Report
from wirewatch.report.charts import series_svg

_ENV = Environment(loader=PackageLoader("wirewatch.report", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))


def render_html(report: Report, *, standalone: bool = True) -> str:
    charts = []
    for section in report.figures:
        numbers = {id(p): s.citations[0] for p, s in zip(section.points, section.statements,
                                                          strict=True) if s.citations}
        charts.append(Markup(series_svg(
            section.points, title=f"{section.subject}: {section.measure}",
            link=lambda p, numbers=numbers: f"#c{numbers[id(p)]}" if id(p) in numbers else None)))
    stylesheet = (resources.files("wirewatch.web") / "static" / "css" / "app.css").read_text(
        encoding="utf-8") if standalone else None
    return _ENV.get_template("report.html").render(
        report=report, charts=charts, standalone=standalone, stylesheet=stylesheet)
