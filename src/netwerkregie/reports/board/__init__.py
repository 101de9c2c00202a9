"""The board report (*bestuursrapportage*): a list of sections, each reading one app's selectors.

base.py holds the shapes every section shares, sections.py the list the director chooses from,
and one module per section builds its typed content; render.py turns the built report into a
page, a PDF and a workbook. docs/reports.md explains how a section is added.
"""
