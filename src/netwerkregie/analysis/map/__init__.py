"""The network map: its data (selectors), filters (forms), page (views), API and the SVG for reports."""
