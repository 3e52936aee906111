"""Translation quality: score engines on a parallel file with chrF and BLEU, print examples.

    .venv/bin/python bench/translation_quality.py [FILE] [--from zh --to en] [--both]
        [--engines argos,openai,dictionary] [--examples 3] [--limit N]

FILE defaults to bench/data/social_zh_en.tsv (60 everyday social sentence pairs written for
this benchmark); TSV with a header naming the languages, or JSONL (crossnote.language.evaluation
has the format). Each engine that translates the pair here is scored on its own, then the chain
as readers get it (the first engine that answers). Engines use the server's settings: Argos
models from ARGOS_MODELS_DIR (`crossnote translation install zh en`), an LLM from
OPENAI_BASE_URL/OPENAI_MODEL. The offline dictionary is a word-by-word learner's view, not a
translation: its row scores its gloss string and says so. `crossnote translation eval FILE`
prints the same from the CLI.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_FILE = ROOT / "bench" / "data" / "social_zh_en.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
    parser.add_argument("--from", dest="source", default="zh")
    parser.add_argument("--to", dest="target", default="en")
    parser.add_argument("--both", action="store_true", help="also score the other direction")
    parser.add_argument("--engines", help="comma-separated engine names (default: the chain)")
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from crossnote.language import evaluation

    names = [n.strip() for n in (args.engines or "").split(",") if n.strip()] or None
    directions = [(args.source, args.target)]
    if args.both:
        directions.append((args.target, args.source))
    try:
        engines = evaluation.engines_named(names)
        for source, target in directions:
            pairs = evaluation.load_pairs(args.file, source, target)[: args.limit or None]
            scores = evaluation.evaluate(pairs, source, target, engines)
            print("\n".join(evaluation.report(pairs, scores, source, target, args.examples)))
            print()
    except evaluation.EvaluationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
