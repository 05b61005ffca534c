"""A situation report as Markdown: statements end with their citation numbers, figures as
tables, and the numbered citations (document, title, outlet, date, offsets, the sentence)."""

from __future__ import annotations

from wirewatch.report.build import Report, Statement


def _cites(statement: Statement) -> str:
    return "".join(f"[{n}]" for n in statement.citations)


def _md(text: str | None) -> str:
    """Neutralise Markdown/HTML syntax in untrusted text so it renders as written."""
    if not text:
        return ""
    out = text.replace("\\", "\\\\").replace("\n", " ")
    for char in "`*_[]<>|#":
        out = out.replace(char, "\\" + char)
    return out


def render_markdown(report: Report) -> str:
    scope = ", ".join(f"{k}={v}" for k, v in report.scope.items() if v)
    lines = [f"# {_md(report.title)}", "",
             f"Scope: {_md(scope) or 'everything'}; {report.n_documents} matching documents.", ""]
    lines += ["## Key events", ""]
    lines += [f"- {_md(s.text)} {_cites(s)}" for s in report.key_events] or ["No events found."]
    lines += ["", "## Figures", ""]
    if not report.figures:
        lines.append("No dated figure of a known actor in this scope.")
    for section in report.figures:
        unit = f" ({_md(section.unit)})" if section.unit else ""
        lines += [f"### {_md(section.subject)}: {_md(section.measure)}{unit}", "",
                  "| as of | value | independent sources | sources disagree | citations |",
                  "|---|---|---|---|---|"]
        for point, statement in zip(section.points, section.statements, strict=True):
            value = statement.text.split(": ", 1)[1].split(" as of ")[0]
            lines.append(f"| {_md(point['as_of'])} | {_md(value)} |"
                         f" {point['n_independent_sources']} |"
                         f" {'yes' if point['conflict'] else 'no'} | {_cites(statement)} |")
        lines += [""] + [f"- {_md(s.text)} {_cites(s)}" for s in section.statements] + [""]
    lines += ["", "## Who said what", ""]
    lines += [f"- {_md(s.text)} {_cites(s)}" for s in report.quotes] or ["No quotes found."]
    lines += ["", "## Where sources disagree", ""]
    lines += ([f"- {_md(s.text)} {_cites(s)}" for s in report.disagreements]
              or ["No disagreements found."])
    lines += ["", "## Citations", ""]
    for c in report.citations:
        lines.append(f"[{c.number}] {c.doc_id}, “{_md(c.title)}”, {_md(c.outlet) or 'unknown'},"
                     f" {c.published or 'undated'}, chars {c.start}–{c.end}: “{_md(c.sentence)}”")
    return "\n".join(lines) + "\n"
