"""Term-list layer throughput: texts/s over mixed Chinese/English posts with the starter lists.

    .venv/bin/python bench/moderation_terms.py [--texts 10000]

The budget is 2,000 texts/s for all synchronous moderation layers together, so this one layer
should run well above it. Posts are everyday notes and comments, some with evasions ("f u c k",
"ｓｈ１ｔ", "傻 逼"), of 20 to 400 characters.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PIECES = [
    "今天的火锅太好吃了！",
    "My cat sleeps all day on the sofa",
    "周末去杭州西湖玩，人好多但是风景很美。",
    "Weekend in Shanghai: coffee, old streets and too many dumplings.",
    "学习英语的第30天，今天背了50个单词",
    "Anyone know a good hotpot place in Chengdu?",
    "这家店yyds，强烈推荐 😂😂",
    "Recipe: tomato and egg stir-fry, ready in 10 minutes.",
    "早餐：牛奶、鸡蛋和全麦面包，再来一杯鸡尾酒哈哈",
    "Scunthorpe is a classic cocktail of assassins and therapists",
    "私服穿搭分享 #OOTD #日常",
    "Flight at 7am, Galaxy A55 photos at 4th street",
    "頭髮剪短了，感覺很清爽",
    "what the f u c k is this price",
    "this is ｓｈ１ｔ honestly",
    "你真是个傻 逼",
    "加微信领取免费资料",
    "DM me for crypto, guaranteed returns!!",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=10_000)
    args = parser.parse_args()

    from crossnote.moderation.detectors.terms import TermListDetector
    from crossnote.moderation.seed_terms import starter_entries

    started = time.perf_counter()
    entries = starter_entries()
    detector = TermListDetector.from_entries(entries)
    print(f"built {len(entries)} starter terms in {(time.perf_counter() - started) * 1000:.0f} ms")

    rng = random.Random(1)
    texts = [
        " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8))) + f" #{i}"
        for i in range(args.texts)
    ]
    chars = sum(map(len, texts))
    started = time.perf_counter()
    flagged = sum(1 for text in texts if detector.detect(text, language="mixed", region="CN"))
    seconds = time.perf_counter() - started
    print(
        f"terms layer: {len(texts) / seconds:,.0f} texts/s "
        f"({seconds / len(texts) * 1e6:.0f} µs each, {chars / len(texts):.0f} chars on average, "
        f"{flagged:,} of {len(texts):,} flagged)"
    )


if __name__ == "__main__":
    main()
