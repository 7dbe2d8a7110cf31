"""Page furniture: what a web page or a document-sharing site puts around and inside a copied report.

Navigation, publishing metadata, widgets, paywalls, "compiled for you" blurbs, page counters, the numbered
page chunks of document-preview sites. None of it is the report's; the outline drops it before reading the
structure. The rules describe kinds of furniture, not particular sites.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Lines that are the hosting site's wherever they stand and however long they are.
_ALWAYS = re.compile(
    r"扫一扫|手机(上)?(查看|打开|阅读)当前|试读结束|查阅全文|加微信|写作网|本文内容由|如若转载|请注明出处|"
    r"@qq\.com|"
    # publishing metadata, also when a form layout spaces the label out ("索 引 号")
    r"索\s*引\s*号|发\s*布\s*机\s*构|组\s*配\s*分\s*类|主\s*题\s*分\s*类|公\s*开\s*方\s*式|"
    # document-sharing sites: uploads, previews, paywalls, blurbs
    r"由会员分享|分享文档赚钱|请在.{0,40}上搜索|预览完了|"
    r"[Vv][Ii][Pp]|付费(阅读|下载|后查看|完成)|开通.{0,4}会员|全站内容|请认真阅读下面的提示|全文共\s*\d+\s*字|"
    r"本文档由用户上传|版权归属用户|下载前请仔细阅读|下载文档时|查看预览时|请放心下载|向本站投诉|网站客服|"
    r"欢迎(访问|光临)|"
    r"(当前|您的)(所在)?位置\s*[:：].*[>＞»]"
)
# Page furniture: navigation, publishing metadata, widgets. Only short lines: these words occur in prose too.
_SHORT = re.compile(
    r"当前(的)?位置|首页\s*[>＞»]|[>＞»]\s*\S+\s*[>＞»]|无障碍|长者(助手|模式)|^登录|^注册|信息来源|来源[:：]|来源网站|"
    r"发布(日期|时间)|浏览(次数|量)|阅读(次数|量)|访问(量|次数)|发文字号|体裁分类|服务对象|成文日期|"
    r"分享[:：]?$|^分享到|字号[:：]|[【\[]\s*(字体|字号)|^\s*(大|中|小)\s+(大|中|小)|打印本页|关闭窗口|^打印$|"
    r"^关闭$|版权(所有|声明)|侵权|举报|上一篇|下一篇|相关(链接|阅读|文章|内容|推荐)|责任编辑|编辑[:：]|^•|^·|"
    r"^[\d\-/:\s]{8,}$|^\d{6,}[/\-]\d+|【(大|中|小)】|^收藏$|^纠错$|^阅读全文$|^点击下载$|热门推荐|本(周|月)热门|"
    r"二维码|订阅号|联系客服|欢迎您|栏目[:：]|人气[:：]|^篇[一二三四五六七八九十]+$|^【[^】]{1,6}】$|"
    r"^资源(预览|描述)|^[\w\-]+\.(png|jpe?g|gif|webp)$|^[-—]\s*\d{1,3}\s*[-—]?$|"
    r"^\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}|^(时间|日期)\s*[:：]\s*\d{4}|"
    r"^(ID|大小|页数|格式|下载次数|上传者|温馨提示)\s*[:：]|^下载文档$|^收藏\s*分享"
)
# A line of publishing metadata names several fields ("发布时间：… 来源：… 作者：… 访问："), however long.
_META_FIELD = re.compile(
    r"(发布时间|发布日期|成文日期|来源|作者|访问|浏览|阅读|点击|字号|打印|索引号|发文机关|发布机构|文号|分类)\s*[:：]"
)
SHORT = 40

# Fragments pasted into a line by a document site or a broken Word field; cut out, the rest is kept:
# page counters, "editable after download", Word's field errors.
_INLINE = re.compile(
    r"第\s*\d+\s*页\s*[/／,，]?\s*共\s*\d+\s*页|下载后可任意编辑|"
    r"Error!\s*(No text of specified style in document|Reference source not found|Bookmark not defined)\.?"
)
# The site's sentence presenting the text ("下面是小编为大家整理的…,供大家参考。"): cut out whole.
_BLURB = re.compile(r"为(你|您|大家)(整理|精心整理|收集)")
_STOPS = "。！？"

# Everything from a "试读结束"-style line on is the hosting site's, not the report's.
CUTOFF = re.compile(r"试读结束|查阅全文|以下内容(需|仅)|下载(全文|完整)|^[(（]未完|^阅读全文$|想阅读完全部")

# A site's navigation menu: many short words side by side, no sentence punctuation.
_MENU_WORD = re.compile(r"^\S{1,6}$")


# A web address: a line of its own is the site's; inside a paragraph it is a watermark pasted into the text.
_URL = re.compile(r"(https?://|www\.)[A-Za-z0-9./?=&_%#:~+\-]*")
_PARAGRAPH = 80


@lru_cache(maxsize=4096)  # a long report repeats its lines
def is_noise(text: str) -> bool:
    """Whether a line is the hosting web page's rather than the report's."""
    if _ALWAYS.search(text) or is_menu(text) or (_URL.search(text) and not _is_paragraph(text)):
        return True
    if "。" not in text and len({m.group(1) for m in _META_FIELD.finditer(text)}) >= 2:
        return True
    return len(text) <= SHORT and "。" not in text and bool(_SHORT.search(text))


def _is_paragraph(text: str) -> bool:
    return len(text) > _PARAGRAPH and "。" in text


def is_menu(text: str) -> bool:
    """A menu or a sharing site's keyword list: many short words side by side, no sentence punctuation.

    Judge it on the line as written: its spaces are what make it one (the reading form joins words that a
    PDF's stray spaces split, and so joins a keyword list's words too).
    """
    words = text.split()
    return (
        len(words) >= 5
        and all(_MENU_WORD.match(w) for w in words)
        and not re.search(r"[，,。；;：:、]", text)
    )


@lru_cache(maxsize=4096)  # a long report repeats its lines
def strip_inline(text: str) -> str:
    """``text`` without the page counters, web addresses and site fragments pasted into it."""
    text = _INLINE.sub("", text)
    while m := _BLURB.search(text):
        start = max(text.rfind(c, 0, m.start()) for c in _STOPS) + 1
        ends = [i for c in _STOPS if (i := text.find(c, m.end())) != -1]
        text = text[:start] + text[min(ends) + 1 if ends else len(text) :]
    if _is_paragraph(text):
        text = _URL.sub("", text)
    return text.strip()


# ---- page chunks -------------------------------------------------------------------------------

_CHUNK = re.compile(r"^(\d{1,3})、")
CHUNK_FIRST = re.compile(r"^1、")
_SENTENCE_END = re.compile(r"[。！？!?；;”」』)）]$")
_CHUNK_MIN = 80  # a page chunk is a long run of text; a short numbered line is a heading


def chunk_counters(texts: list[str]) -> set[int]:
    """Indexes of the lines that start with a preview site's page-chunk counter rather than a heading.

    Such sites cut the text into chunks and number them "1、", "2、", … at the start of a line; every chunk
    but the last stops mid-sentence, and the next one goes on with that sentence. A run of real "1、"
    headings ends its paragraphs with a full stop, or is short.
    """
    found: set[int] = set()
    i = 0
    while i < len(texts):
        m = _CHUNK.match(texts[i])
        if not m or m.group(1) != "1":
            i += 1
            continue
        run = [i]
        while run[-1] + 1 < len(texts):
            nxt = _CHUNK.match(texts[run[-1] + 1])
            if not nxt or int(nxt.group(1)) != len(run) + 1:
                break
            run.append(run[-1] + 1)
        cut_mid_sentence = all(
            len(texts[j]) >= _CHUNK_MIN and not _SENTENCE_END.search(texts[j]) for j in run[:-1]
        )
        if len(run) >= 2 and cut_mid_sentence:
            found.update(run)
        i = run[-1] + 1
    return found


def drop_chunk_counter(text: str) -> str:
    return _CHUNK.sub("", text, count=1)
