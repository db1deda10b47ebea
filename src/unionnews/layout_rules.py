"""Rule tables for page layout: the label words, outlet endings and furniture cues that the
segmenter and the metadata extractor read.  Data only; the logic lives in
:mod:`unionnews.segment` and :mod:`unionnews.extract.metadata`.
"""

from __future__ import annotations

#: Field labels of a page's metadata block (``来源：``, ``发布时间：``, ``阅读：``): a line
#: holding one of them, followed by a colon, is never a headline.
META_LABELS = (
    "信息来源", "来源", "稿源", "出处", "发布时间", "发布日期", "发表时间", "发表日期", "发表于",
    "更新时间", "更新日期", "时间", "日期", "作者", "编辑", "责任编辑", "责编", "审核", "审核人",
    "阅读", "阅读次数", "阅读数", "阅读量", "浏览", "浏览次数", "浏览量", "点击", "点击数",
    "点击量", "访问量", "字号", "版次", "版面", "报纸名称", "当前报纸名称", "当前版", "期数",
)  # fmt: skip
#: Labels that mark a metadata line even without a colon (``发布时间 2024-03-02``).
META_BARE_LABELS = ("发布时间", "发布日期", "发表时间", "信息来源", "阅读次数", "浏览次数", "点击数")

#: Labels put before a headline; stripped from the title.
TITLE_LABELS = ("原标题", "原题", "标题", "题目")
#: Labels of a kicker (引题) or subtitle (副题) line.
DEK_LABELS = ("引题", "副题", "主题", "肩题", "副标题")
#: Image markers inside a headline (``…会议[图]``).
IMAGE_MARKERS = ("[图]", "【图】", "(图)", "（图）", "[组图]", "【组图】", "(组图)", "（组图）")

#: Endings of an outlet's name: a site, a paper, an agency, a broadcaster.  Also the
#: endings that mark the last part of a ``headline-site`` page title as the site.
OUTLET_SUFFIXES = (
    "网", "报", "日报", "晚报", "早报", "频道", "在线", "新闻", "客户端", "电视台", "广播", "社",
    "台", "融媒", "全媒体", "融媒体中心", "新闻中心", "公众号", "微博", "微信",
)  # fmt: skip
#: Extra endings of a spam or app suffix glued to a headline (``…-某某app下载``).
PAGE_TITLE_SPAM_SUFFIXES = ("网页版", "下载", "官网", "官方网站", "娱乐城", "app", "APP", "App", "首页")

#: Self-references and non-answers that name no outlet (``本报讯``, ``来源：本站``, ``来源：原创``).
SELF_OUTLETS = (
    "本报", "本刊", "本站", "本网", "本台", "本社", "本平台", "本公众号", "本微信", "原创", "网络",
    "互联网", "转载", "未知", "佚名", "综合",
)  # fmt: skip

#: A channel path above a headline (``某某网>>工会新闻``): a column label, kept as a dek.
CHANNEL_PATH = r"^[^\s>»›]{1,20}\s*(?:>>|»|›)\s*[^\s>»›]{1,24}$"

_EPAPER_LABEL = r"(电子报|数字报|电子版|数字版)(阅读机|阅读器|平台|首页)?$"
_LOGIN = r"(请|您需要|需要)\s*登录|没有账号|立即注册|马上注册|登录\s*\|\s*注册"
_WELCOME = r"欢迎(您|你|光临|访问)[！!]?(\s|$)"
#: Whole lines that are page furniture: an e-reader's label, a repost's profile keys.
FURNITURE_CUES = (
    _EPAPER_LABEL,
    r"^(楼主|沙发|板凳|地板|\d+楼|\d+#)\s*(发表于|发帖时间|\S{0,12}\s*发表于)",
    r"^(发表于|发帖时间|回复|只看该作者|倒序浏览|阅读模式)[:：\s]",
    r"^(帖子|积分|金钱|威望|贡献|注册时间|最后登录|在线时间|精华|听众|收听|UID|阅读权限|性别)\s*[:：]?\s*\S{0,24}$",
    r"^星期[一二三四五六日天]$",
    r"^(正文|内容|详细内容|文章正文|阅读全文)$",
    _LOGIN,
    _WELCOME,
)
#: What a line must contain before a cue searched anywhere in it can match (see ``FURNITURE_NEEDS``).
FURNITURE_CUE_NEEDS: dict[str, tuple[str, ...]] = {
    _EPAPER_LABEL: ("电子报", "数字报", "电子版", "数字版"),
    _LOGIN: ("登录", "没有账号", "立即注册", "马上注册"),
    _WELCOME: ("欢迎",),
}

#: Parts of a credit that are never a person's name: outlet and organisation words
#: (``全媒体``, ``…日报``, ``融媒体中心``), so ``全媒体记者`` does not make ``全媒体`` a name;
#: a site's stand-ins for a writer (``管理员``, ``小编``).
NOT_NAME_PARTS = (
    "融媒体中心", "新闻中心", "全媒体", "融媒体", "融媒", "客户端", "电视台", "日报", "晚报", "早报",
    "新闻网", "工会", "总工会", "委员会", "编辑部", "宣传部", "办公室", "管理员", "小编", "佚名",
    "匿名", "网友", "本站", "本网",
)  # fmt: skip

#: A credit line's photo and text labels with a slash: ``文/王方 图/李红``.
SLASH_CREDIT = r"(?:^|\s)(?:文|图|图文|文图|摄影|摄|撰文)\s*[/／]\s*\p{Han}"
