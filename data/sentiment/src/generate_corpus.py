#!/usr/bin/env python3
"""Builds data/sentiment/corpus.tsv from the hand-written texts (hand_*.txt) and
templated combinations of the hand-written fragments in fragments.py.

Deterministic (fixed seed). Run from anywhere:  python3 generate_corpus.py
The C++ side holds out every 5th example (index % 5 == 4) as the test split.
"""
import os
import random

from fragments import *  # noqa: F401,F403
from review_fragments import CONCESSION, CONTRAST, REVIEW_DOMAINS, SUMMARY, VERDICT_NEG, VERDICT_POS

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261123)
c = rng.choice

POS_ADJ = ["干净", "方便", "及时", "热情", "专业", "便宜", "舒服", "省心", "负责", "安静", "顺畅", "公平", "透明", "耐心", "规范"]
NEG_ADJ = ["脏", "慢", "麻烦", "难办", "乱", "差", "让人操心", "让人闹心"]
NEG_MINOR = ["排队的人有点多", "等了一会儿", "路稍微远了点", "价格稍微贵一点", "手续多了一点", "刚开始有点不习惯",
             "天气不太好", "系统有点慢"]
POS_MINOR = ["态度还行", "环境看着还可以", "地方挺大", "宣传做得很漂亮", "工作人员挺客气", "口号喊得响亮", "外观挺新"]
STAFF = ["社区工作人员", "物业师傅", "抢修队员", "窗口的小姑娘", "网格员", "街道的同志", "环卫工人", "民警同志",
         "热线接线员", "志愿者们", "医生护士", "村干部"]
IMPACT = ["给周边居民生活带来很大不便", "已引发多名居民投诉", "存在较大安全隐患", "不少老人和孩子深受其害",
          "居民多次反映未果", "引发网友热议，多数人表示不满"]
POS_NEWS_TAIL = ["居民纷纷点赞", "群众满意度明显提升", "受到广泛好评", "周边居民拍手称快", "获得群众一致认可"]
NEG_REVIEW_TAIL = ["不推荐", "再也不会来了", "非常失望", "差评", "后悔了", "白花钱", "体验很差", "劝大家别去"]
POS_REVIEW_TAIL = ["推荐", "下次还会再来", "非常满意", "好评", "物超所值", "值得推荐", "很愉快的体验", "五星好评"]
POS_OVERALL = ["还是很满意的", "值得推荐", "挺好的", "体验不错", "物有所值"]
NEG_OVERALL = ["还是很失望", "不会再来了", "不值这个价", "体验很差", "不推荐"]


def dom():
    name = c(list(DOMAINS))
    return DOMAINS[name]


def review():
    area = c(list(REVIEW_AREAS))
    return c(REVIEW_AREAS[area]), ASPECTS[area]


def punct_end(s):
    return s + c(["。", "。", "！", "", "。。", "!"])


def gen_neg():
    ents, negp, posp, neuf = dom()
    e = c(ents)
    t = rng.randrange(14)
    if t == 0:
        return f"{c(PLACES)}的{e}{c(negp)}，{c(DURATIONS)}了，{c(INACTION)}，{c(NEG_FEEL)}。"
    if t == 1:
        return f"{c(PLACES)}{e}{c(negp)}，{c(RHET)}"
    if t == 2:
        return f"{c(SARC)}，{e}又{c(negp)}了。"
    if t == 3:
        return f"虽然{c(POS_MINOR)}，但是{e}{c(negp)}，{c(NEG_FEEL)}。"
    if t == 4:
        return punct_end(f"{c(PLACES)}的{e}{c(['一点都不', '根本不', '并不', '一点也不', '完全谈不上', '不是很', '不太', '不够', '没那么'])}{c(POS_ADJ)}，{c(NEG_FEEL)}")
    if t == 5:
        return f"{c(TIMES)}，有{c(WHO)}反映，{c(PLACES)}{e}{c(negp)}，{c(IMPACT)}。"
    if t == 6:
        a, asp = review()
        (x, _, n1), (y, _, n2) = rng.sample(asp, 2) if len(asp) > 1 else (asp[0], asp[0])
        return f"{a}的{x}{c(n1)}，{y}也{c(n2)}，{c(NEG_REVIEW_TAIL)}。"
    if t == 7:
        a, asp = review()
        (x, p1, _), (y, _, n2) = rng.sample(asp, 2)
        return f"{a}的{x}{c(p1)}，{c(['但是', '可是', '不过', '但'])}{y}{c(n2)}，{c(NEG_OVERALL)}。"
    if t == 8:
        return punct_end(f"{e}{c(negp)}，{c(NEG_FEEL)}")
    if t == 9:
        return f"说好的{c(['马上整改', '限期解决', '月底完工', '三天内回复', '年底前改造'])}，结果{e}还是{c(negp)}，{c(NEG_FEEL)}。"
    if t == 10:
        return f"{c(['第三次', '又一次', '不知道第几次', '第五次'])}反映{c(PLACES)}{e}{c(negp)}的问题了，{c(INACTION)}。"
    if t == 11:
        return f"{c(STAFF)}{c(['说会处理', '答应得好好的', '来看了一眼'])}，然后就没有然后了，{e}依旧{c(negp)}。"
    if t == 12:
        a, asp = review()
        x, p, n = c(asp)
        return f"{a}的{x}{c(['一点也不', '并不', '根本谈不上', '没有宣传的那么', '不是很', '不太', '不怎么'])}{c(p)}，{c(NEG_REVIEW_TAIL)}。"
    return f"{c(['以前', '原来', '去年'])}{e}{c(posp)}，{c(['现在', '如今', '今年'])}{c(['却', '反而', '竟然'])}{c(negp)}，{c(NEG_FEEL)}。"


def gen_pos():
    ents, negp, posp, neuf = dom()
    e = c(ents)
    t = rng.randrange(14)
    if t == 0:
        return punct_end(f"{c(PLACES)}的{e}{c(posp)}，{c(POS_FEEL)}")
    if t == 1:
        return f"{c(['以前', '原来', '过去'])}{e}{c(negp)}，{c(['现在', '如今', '这次'])}{c(posp)}，{c(POS_FEEL)}！"
    if t == 2:
        return f"虽然{c(NEG_MINOR)}，但是{e}{c(posp)}，{c(POS_FEEL)}。"
    if t == 3:
        return f"感谢{c(STAFF)}，{c(PLACES)}的{e}{c(posp)}，{c(POS_FEEL)}。"
    if t == 4:
        return f"{c(PLACES)}的{e}{c(['一点也不', '再也不', '不再', '并不'])}{c(NEG_ADJ)}了，{c(posp)}，{c(POS_FEEL)}。"
    if t == 5:
        return f"{c(TIMES)}，{c(PLACES)}{e}{c(posp)}，{c(POS_NEWS_TAIL)}。"
    if t == 6:
        return f"{c(REPLY_OPEN)}{e}问题{c(REPLY_POS)}。{c(['', '真的太感谢了！', '点赞！', '满意！'])}"
    if t == 7:
        a, asp = review()
        (x, p1, _), (y, p2, _) = rng.sample(asp, 2)
        return f"{a}的{x}{c(p1)}，{y}也{c(p2)}，{c(POS_REVIEW_TAIL)}。"
    if t == 8:
        a, asp = review()
        (x, _, n1), (y, p2, _) = rng.sample(asp, 2)
        return f"{a}的{x}{c(['有点', '稍微', '略微'])}{c(['一般般', '普通了点', '还有提升空间', '不算出彩'])}，{c(['不过', '但是', '但'])}{y}{c(p2)}，总体{c(POS_OVERALL)}。"
    if t == 9:
        return f"{e}{c(posp)}，{c(['这样的变化', '这样的服务', '这样的办事效率', '这样的工作'])}{c(['谁能不点赞？', '难道不值得表扬吗？', '怎么能不支持？', '谁还会有意见呢？'])}"
    if t == 10:
        return f"没想到{e}{c(posp)}，{c(['以后不用再操心了', '真是意外之喜', '太惊喜了', '心里踏实了'])}。"
    if t == 11:
        return f"{c(['反映了一次', '在网上留了言', '打了个电话', '提了个建议'])}，{c(['第二天', '当天', '没过两天', '一周内'])}{e}就{c(posp)}，{c(POS_FEEL)}。"
    if t == 12:
        a, asp = review()
        x, p, n = c(asp)
        return f"{a}的{x}{c(p)}，{c(['一点也不差', '并不差', '没有任何问题', '完全没让人失望', '比想象中好很多', '没什么可挑剔的'])}，{c(POS_REVIEW_TAIL)}。"
    return punct_end(f"{c(['给', '为'])}{c(STAFF)}点赞，{e}{c(posp)}")


def gen_neu():
    ents, negp, posp, neuf = dom()
    e = c(ents)
    t = rng.randrange(11)
    if t == 0:
        return f"{c(TIMES)}，{c(PLACES)}{e}{c(neuf)}，{c(NEU_TAILS)}。".replace("，。", "。")
    if t == 1:
        return f"请问{c(PLACES)}的{e}{c(QUESTIONS)}？"
    if t == 2:
        return f"{c(REPLY_OPEN)}{e}问题{c(REPLY_NEU)}。"
    if t == 3:
        return f"关于{c(PLACES)}{e}{c(neuf)}的通知。{c(NEU_TAILS)}"
    if t == 4:
        a, asp = review()
        x = c(asp)[0]
        return f"{a}的{x}{c(['怎么样', '如何', '有人了解吗', '和别家比怎么样'])}？{c(['想去看看', '打算下周去', '求推荐', ''])}"
    if t == 5:
        return f"听说{c(PLACES)}{e}{c(neuf)}，{c(['不知道是真是假', '有知道的吗', '大家关注一下', '具体时间还没定'])}。"
    if t == 6:
        return f"有人知道{e}{c(QUESTIONS)}吗？"
    if t == 7:
        return f"{c(['市', '区', '县', '镇'])}{c(['住建局', '教育局', '卫健委', '交通局', '城管局', '生态环境局', '民政局', '水务局'])}{c(['召开会议', '发布通知', '印发方案', '开展调研'])}，{c(['部署', '研究', '安排', '推进'])}{c(['冬季供暖保障', '汛期安全', '老旧小区改造', '义务教育招生', '垃圾分类', '养老服务体系建设', '道路交通组织优化', '农村饮水安全'])}工作。"
    if t == 8:
        return f"{c(PLACES)}{e}{c(neuf)}。"
    if t == 9:
        a, asp = review()
        return f"{a}{c(['位于市中心', '营业到晚上十点', '有两个门店', '支持线上预约', '今年刚开业', '周一休息', '在地铁站旁边'])}，{c(['电话可在网上查到', '需要提前预约', '可以刷卡', '停车需另付费'])}。"
    return f"{c(['今天', '刚才', '上午', '下午'])}{c(['去了趟', '路过', '打电话问了'])}{c(PLACES)}的{c(['政务大厅', '社区居委会', '社保中心', '街道办', '物业办公室', '供电营业厅'])}，{c(['工作人员说下周再来', '说是要等通知', '人不多', '正在开会'])}。"


OPENERS = {"hotel": ["", "这次出差住的", "朋友推荐的", "国庆带家人住的", "第二次入住"],
           "restaurant": ["", "朋友推荐的", "周末和家人去的", "第二次来了，", "团购去吃的"],
           "product": ["", "在网上买的", "用了一个月，", "趁活动买的", "给爸妈买的"],
           "book": ["", "看完了，", "朋友推荐的", "老师推荐的"],
           "service": ["", "第一次用", "朋友推荐的", "用了半年，"]}
LONG_POS_END = ["总体来说很满意，下次还会选择", "整体不错，推荐给大家", "总的来说物有所值", "瑕不掩瑜，值得推荐",
                "以后就认准这家了", "会推荐给朋友的", "总体体验很好"]
LONG_NEG_END = ["总体来说很失望，不会再来了", "整体很差，不推荐", "总的来说不值这个价", "劝大家慎重选择",
                "以后再也不会选这家了", "非常后悔", "总体体验很糟糕"]
NEG_PREFIX = ["不是很", "不太", "没那么", "不怎么", "不够", "算不上", "一点也不", "并不"]


def gen_long(label):
    """Multi-aspect reviews: the overall label follows the majority and the closing remark."""
    area = c(list(REVIEW_AREAS))
    a, asp = c(REVIEW_AREAS[area]), ASPECTS[area]
    k = min(len(asp), rng.randrange(2, 5))
    chosen = rng.sample(asp, k)
    minority = rng.randrange(0, 2) if k >= 3 else 0
    parts = []
    for i, (x, p, n) in enumerate(chosen):
        good = (label == "pos") != (i < minority)
        if good:
            parts.append(f"{x}{c(p)}" if rng.random() < 0.8 else f"{x}{c(['一点也不差', '没话说', '挑不出毛病'])}")
        else:
            parts.append(f"{x}{c(n)}" if rng.random() < 0.75 else f"{x}{c(NEG_PREFIX)}{c(['好', '理想', '满意', '行'])}")
    rng.shuffle(parts)
    body = "，".join(parts)
    end = c(LONG_POS_END if label == "pos" else LONG_NEG_END)
    if minority and rng.random() < 0.5:
        end = c(["不过", "但是", "但"]) + end
    return f"{c(OPENERS[area])}{a}，{body}。{end}{c(['。', '！', '。', ''])}"


def gen_review(label):
    """Long consumer review in the common shape: opener, several aspects (most
    agreeing with the label, sometimes one or two against it), then the
    verdict, often after a contrast word or a summary phrase."""
    opener, good, bad = REVIEW_DOMAINS[c(sorted(REVIEW_DOMAINS))]
    agree, against = (good, bad) if label == "pos" else (bad, good)
    n_agree = rng.randrange(1, 4)
    n_against = rng.choice([0, 0, 1, 1, 2]) if n_agree > 1 else rng.choice([0, 1])
    verdict = c(VERDICT_POS if label == "pos" else VERDICT_NEG)
    a = rng.sample(agree, n_agree)
    b = rng.sample(against, n_against)
    shape = rng.randrange(4)
    if b and shape == 0:
        # "虽然 <against>，但是 <agree>。<verdict>"
        body = f"{c(CONCESSION)}{'，'.join(b)}，{c(CONTRAST[:5])}{'，'.join(a)}。{c(SUMMARY)}{verdict}"
    elif b and shape == 1:
        # agreeing first, then "不过/就是 <against>", verdict last anyway
        body = f"{'，'.join(a)}。{c(CONTRAST)}{'，'.join(b)}。{c(SUMMARY)}{verdict}"
    elif b:
        # against first, the turn, then agree + verdict
        body = f"{'，'.join(b)}，{c(CONTRAST[:5])}{'，'.join(a)}，{c(SUMMARY)}{verdict}"
    else:
        body = f"{'，'.join(a)}。{c(SUMMARY) if rng.random() < 0.6 else ''}{verdict}" if rng.random() < 0.8 else "，".join(a)
    head = c(opener) + c(["，", "。", "，"]) if rng.random() < 0.7 else ""
    return head + body + c(["。", "！", "。", "", "~"])


def read_hand(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def read_all_hand():
    """hand_*.txt: files whose name ends in _neg/_neu/_pos hold texts of that
    label, one a line; any other hand_*.txt holds "label<TAB>text" lines."""
    rows = []
    for name in sorted(os.listdir(HERE)):
        if not (name.startswith("hand_") and name.endswith(".txt")):
            continue
        stem = name[:-4]
        label = stem.rsplit("_", 1)[-1]
        for line in read_hand(name):
            if label in ("neg", "neu", "pos"):
                rows.append((label, line))
            else:
                lab, text = line.split("\t", 1)
                assert lab in ("neg", "neu", "pos"), (name, line)
                rows.append((lab, text.strip()))
    return rows


def main():
    rows = read_all_hand()
    seen = {t for _, t in rows}
    for label, gen, n in (("neg", gen_neg, 900), ("pos", gen_pos, 920), ("neu", gen_neu, 900)):
        made = 0
        tries = 0
        while made < n and tries < n * 50:
            tries += 1
            t = gen()
            if t in seen:
                continue
            seen.add(t)
            rows.append((label, t))
            made += 1
    for label in ("pos", "neg"):
        made = 0
        while made < 260:
            t = gen_long(label)
            if t in seen:
                continue
            seen.add(t)
            rows.append((label, t))
            made += 1
    for label in ("pos", "neg"):
        made = 0
        while made < 1100:
            t = gen_review(label)
            if t in seen:
                continue
            seen.add(t)
            rows.append((label, t))
            made += 1
    rng.shuffle(rows)
    out = os.path.join(HERE, "..", "corpus.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("label\ttext\n")
        for label, t in rows:
            assert "\t" not in t and "\n" not in t
            f.write(f"{label}\t{t}\n")
    counts = {}
    for label, _ in rows:
        counts[label] = counts.get(label, 0) + 1
    print(len(rows), counts)


if __name__ == "__main__":
    main()
