"""``python -m bench [name ...]``: run the benchmarks (all by default)."""
import importlib
import sys

SUITES = ("accounts", "search", "csv_import", "review_queue", "pages", "checkout")


def main(names: list[str]) -> None:
    for name in names or SUITES:
        importlib.import_module(f"bench.{name}").run()


if __name__ == "__main__":
    main(sys.argv[1:])
