"""Understanding a report: the Kommunkompassen grammar over a block stream, title page, areas, bullets, names."""

from kompass.pipeline.interpret.interpreter import interpret

__all__ = ["interpret"]
