"""Rule tables: the words the segmenter and extractors look for.

Everything here is data.  Plugins add entries through the ``unionnews_lexicon``
hook (see :mod:`unionnews.hookspecs`); :class:`Lexicon` is the merged view an
extractor reads.  Keys of :data:`CATEGORIES` are the categories a plugin may extend.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

#: Single-character surnames (most frequent first) and compound surnames.
_SINGLE_SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪"
    "梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简"
    "车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区"
    "郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍"
    "辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣"
    "信展阴昝智幸奉植衡富尧闭由藤"
)
SURNAMES = (
    *_SINGLE_SURNAMES,
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "令狐",
    "慕容",
    "尉迟",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
)

#: Byline role words and the contract's role names.
ROLE_WORDS = (
    ("特约通讯员", "correspondent"),
    ("通讯员", "correspondent"),
    ("见习记者", "reporter"),
    ("实习记者", "reporter"),
    ("特约记者", "reporter"),
    ("首席记者", "reporter"),
    ("记者", "reporter"),
    ("责任编辑", "editor"),
    ("责编", "editor"),
    ("编辑", "editor"),
    ("作者", "author"),
    ("撰文", "author"),
    ("文", "author"),
    ("摄影", "photographer"),
    ("图", "photographer"),
    ("摄", "photographer"),
)
#: Credits that are not people in the contract's sense (reviewers).
REVIEW_WORDS = ("审核", "编审", "终审", "审校", "校对", "二审", "三审", "一审", "监制", "统筹")

#: Job titles standing between an organisation and a person's name.
TITLES = (
    "党组书记", "常务副主席", "副主席", "主席", "副书记", "书记", "会长", "副会长", "理事长", "秘书长",
    "主任", "副主任", "部长", "副部长", "局长", "副局长", "处长", "市长", "副市长", "县长", "区长",
    "省长", "董事长", "总经理", "经理", "厂长", "组长", "委员", "党组成员", "负责人", "院长", "校长",
    "主委", "常委", "干事", "社长", "总编辑", "主编", "所长", "站长", "队长",
)  # fmt: skip

#: Endings of organisation names.
ORG_SUFFIXES = (
    "总工会", "工会联合会", "工会", "联合会", "委员会", "协会", "研究会", "基金会", "总会", "分会",
    "党组", "党委", "政府", "集团", "公司", "人大常委会", "政协", "妇联", "团委", "学会",
    "局", "厅", "办公室", "中心", "宣传部", "组织部", "统战部",
)  # fmt: skip

#: Words a meeting's name ends with, longest first.
MEETING_SUFFIXES = (
    "理论学习中心组(扩大)会议", "理论学习中心组学习会", "主席办公(扩大)会议", "党组(扩大)会议",
    "代表大会", "职代会", "两代会", "专题会议", "工作会议", "推进会", "部署会", "座谈会", "学习会", "培训班", "研讨班", "研讨会",
    "交流会", "动员会", "报告会", "宣讲会", "会议", "大会", "(扩大)会", "常委会", "全委会", "例会",
    "联席会", "见面会", "发布会", "论坛", "办公会", "党组会", "务虚会", "恳谈会", "调度会", "分析会",
    "总结会", "表彰会", "述职会", "评议会", "专题会", "协调会", "观摩会", "现场会",
)  # fmt: skip
#: Verbs that report a meeting or activity as held.
HOLD_VERBS = ("组织召开", "召开", "举行", "举办", "主持召开")
#: Words before the verb that make it a plan or an order, not a report.
NOT_HELD_CUES = ("要求", "将", "要", "通过", "计划", "拟", "准备", "鼓励", "推动", "指导", "建议", "定期")

#: Words after a quoted name that make it an initiative, and its category.
INITIATIVE_TRIGGERS = (
    "工作法", "工作模式", "模式", "工程", "行动", "品牌", "平台", "活动", "计划", "加强年", "建设年",
    "讲堂", "大讲堂", "矩阵", "体系", "驿站", "实事", "竞赛", "思路", "沙龙", "会客厅", "项目",
    "大思政课", "课", "年", "服务站", "工作室", "直通车", "机制", "专项", "赛", "品牌建设",
    "夜校", "书屋", "大赛", "学堂", "微课堂",
)  # fmt: skip
#: Quoted words that are epithets or slogans, never initiatives.
NOT_INITIATIVES = (
    "娘家人", "贴心人", "娘家", "靠山", "主心骨", "职工之家", "忠诚之家", "筑梦之家", "幸福之家",
    "活力之家", "四个意识", "四个自信", "两个维护", "两个确立", "主战场", "同心圆",
)  # fmt: skip

#: Measure words a counted quantity ends with.
MEASURE_WORDS = (
    "人次", "万元", "亿元", "元", "名", "人", "个", "家", "所", "场", "项", "件", "支", "户", "座", "台",
    "辆", "条", "批", "期", "套", "份", "间", "处", "位", "吨", "平方米", "公里", "余", "块", "本",
    "张", "封", "篇", "部", "首", "轮", "趟", "班", "组", "队", "个次", "场次", "批次", "人天",
)  # fmt: skip

#: Furniture patterns that are costly to try on every line, named for :data:`FURNITURE_NEEDS`.
_BREADCRUMB = r"^\S{1,10}\s*[>›»]\s*\S{1,10}\s*[>›»]"
_COPYRIGHT = r"(?i)copyright|all rights reserved|版权所有|©"
_LICENCE = r"ICP[证备]|公网安备|许可证|举报电话|举报邮箱|有偿删帖"
_ACCOUNT_WORDS = ("客户端", "微信号", "微博号", "抖音号", "微信", "微博", "抖音", "公众号", "APP", "App")
_ACCOUNT = rf"^[•·●▪\-]?\s*\S{{0,6}}({'|'.join(_ACCOUNT_WORDS)})$"
_PIPE_MENU = r"^(.{1,12}\s*\|\s*){2,}"
#: Page furniture: regular expressions matched against a whole (stripped) line.
FURNITURE_PATTERNS = (
    r"^(您现在的位置|当前位置|你的位置|您的位置|位置)[:：]",
    r"^(首页|网站首页|主页)\s*[>›»/]",  # breadcrumbs: 首页 > 工会新闻 > 正文
    _BREADCRUMB,
    _COPYRIGHT,
    _LICENCE,
    r"^(扫码关注|扫一扫|关注我们|分享到|分享|打印|关闭窗口|返回顶部|【?打印】?|【?关闭】?|×|x|X)$",
    _ACCOUNT,
    r"^(关于我们|版权声明|联系我们|广告服务|本站地图|投稿邮箱|友情链接|媒体矩阵|网站地图)",
    _PIPE_MENU,
    r"^(上一篇|下一篇|相关新闻|相关阅读|推荐阅读|热点专题|新闻排行|图片新闻|全总要闻|深度报道|职工之声|新闻日历|马上体验)",
    r"^(点击量|浏览次数|阅读数|字号)",
    r"^[|｜]$",
)
#: What a line must contain (one of the strings) before a costly furniture pattern can match it:
#: a necessary condition, so the many lines of prose skip the pattern.  A ``(?i)`` pattern lists
#: every case its first letters match.
FURNITURE_NEEDS: dict[str, tuple[str, ...]] = {
    _BREADCRUMB: (">", "›", "»"),
    _COPYRIGHT: ("c", "C", "a", "A", "版权所有", "©"),
    _LICENCE: ("ICP", "公网安备", "许可证", "举报电话", "举报邮箱", "有偿删帖"),
    _ACCOUNT: _ACCOUNT_WORDS,
    _PIPE_MENU: ("|",),
}
#: Credit lines that are kept in the text (not furniture) and read for people and source.
CREDIT_PATTERNS = (
    r"^[（(【\[]?\s*(责任编辑|责编|编辑|审核|编审|终审|校对|作者|来源|稿源|摄影|图|文)\s*[:：]",
    r"^[（(]\s*作者(为|系|是)",
    r"^据《",
    r"^转载请注明",
    r"^来源\s*[:：]",
)

#: Outlet-name endings, for ``来源`` lines and page-title suffixes.
SITE_SUFFIXES = ("网", "报", "日报", "晚报", "频道", "在线", "新闻", "客户端", "电视台", "广播")

#: Categories a plugin may extend through ``unionnews_lexicon`` and their built-in entries.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "organization": (),
    "initiative": (),
    "initiative_trigger": INITIATIVE_TRIGGERS,
    "not_initiative": NOT_INITIATIVES,
    "meeting_suffix": MEETING_SUFFIXES,
    "section": ("中工娱乐", "中工工会", "深度报道", "全总领导", "新闻中心", "新闻要闻", "工会动态", "要闻"),
    "source": (),
    "furniture": (),
    "region": (),
    "title": TITLES,
}


@attrs.frozen(slots=True)
class Lexicon:
    """The merged word lists: built-in entries plus those plugins contributed."""

    entries: Mapping[str, tuple[str, ...]]

    def get(self, category: str) -> tuple[str, ...]:
        return self.entries.get(category, ())

    @classmethod
    def merge(cls, contributions: Iterable[Mapping[str, Iterable[str]]]) -> Lexicon:
        merged: dict[str, list[str]] = {k: list(v) for k, v in CATEGORIES.items()}
        for contribution in contributions:
            for category, words in contribution.items():
                if category not in CATEGORIES:
                    raise ValueError(f"unknown lexicon category {category!r}; known: {sorted(CATEGORIES)}")
                merged[category].extend(w for w in words if w not in merged[category])
        return cls({k: tuple(sorted(v, key=len, reverse=True)) for k, v in merged.items()})
