//! What reading `content/` says: problems with files, YAML, CSV and Markdown, and their hints.
//!
//! serde_yaml and the YAML parsers speak English; `content::source` reads their messages and
//! says them again with these entries (unknown field, missing field, written twice, wrong type,
//! syntax errors). The phrases of the parsers' syntax errors that users meet are here too
//! (`YAML_PROBLEM_*`, `YAML_CONTEXT_*`): their English is the parser's own text, word for word,
//! so that a message reads in English exactly as the parser wrote it.

crate::messages::catalogue! {
    // ------------------------------------------------------------------------- reading files
    /// A file that exists but cannot be read; `{error}` is the operating system's reason.
    CANNOT_READ_FILE: "cannot read the file: {error}" => "无法读取该文件：{error}";
    FILE_TOO_LARGE: "the file is too large ({size} MB; the limit is {limit} MB)" => "文件过大（{size} MB，上限为 {limit} MB）";
    FILE_TOO_LARGE_HINT: "split the data over several files, or check that this is the right file"
        => "请把数据分到几个文件中，或确认是不是选错了文件";
    NOT_UTF8: "the file is not UTF-8 text" => "文件不是 UTF-8 编码的文本";
    NOT_UTF8_HINT: "save it as UTF-8 (Excel: \"CSV UTF-8\"; Notepad or WPS: Save As, encoding UTF-8); files saved as GBK/GB2312 cannot be read"
        => "请另存为 UTF-8 编码（Excel：保存类型选“CSV UTF-8”；记事本或 WPS：“另存为”，编码选 UTF-8）；以 GBK/GB2312 编码保存的文件无法读取";
    NOT_UTF8_OR_GBK: "the file is neither UTF-8 nor GB18030/GBK text" => "文件既不是 UTF-8 也不是 GB18030/GBK 编码的文本";
    NOT_UTF8_OR_GBK_HINT: "save it again as \"CSV UTF-8\" (Excel), or with Save As, encoding UTF-8 (WPS, Notepad)"
        => "请重新保存为“CSV UTF-8”（Excel），或“另存为”并选择 UTF-8 编码（WPS、记事本）";
    CSV_READ_AS_GBK: "read as GB18030/GBK text (not UTF-8)" => "按 GB18030/GBK 编码读取（不是 UTF-8）";
    CSV_READ_AS_GBK_HINT: "this works, but other tools may not read it: save it as UTF-8 (Excel: \"CSV UTF-8\"; WPS or Notepad: Save As, encoding UTF-8); `gongkai import` writes it as UTF-8 with a BOM"
        => "可以正常使用，但其他工具未必能读取：建议另存为 UTF-8 编码（Excel：保存类型选“CSV UTF-8”；WPS 或记事本：“另存为”，编码选 UTF-8）；`gongkai import` 写入时会保存为带 BOM 的 UTF-8";
    LINE_TOO_LONG: "line {line} is too long ({size} KB; the limit is {limit} KB)" => "第 {line} 行过长（{size} KB，上限为 {limit} KB）";
    LINE_TOO_LONG_HINT: "break long text over several lines" => "请把过长的文字分成几行书写";
    FILE_EMPTY: "the file is empty" => "文件为空";
    /// `{expected}` is one of the `HOLDS_*` entries.
    FILE_EMPTY_HINT: "it should hold {expected}; delete the file if it is not needed"
        => "该文件应包含{expected}；如果不需要，可以删除该文件";
    FILE_MISSING: "this file is missing" => "缺少该文件";
    /// `{expected}` is one of the `HOLDS_*` entries.
    FILE_MISSING_HINT: "it should hold {expected}; see docs/content-format.md" => "该文件应包含{expected}，参见 docs/content-format.md";
    SYMLINK_OUTSIDE: "this is a symbolic link to something outside the content folder"
        => "这是一个指向 content 文件夹以外位置的符号链接";
    SYMLINK_OUTSIDE_HINT: "copy the file into content/ instead of linking to it" => "请把文件复制到 content/ 中，不要使用链接";
    NO_CONTENT_FOLDER: "there is no `content` folder in {root}" => "{root} 中没有 `content` 文件夹";
    NO_CONTENT_FOLDER_HINT: "run gongkai inside a site folder, pass --root DIR, or create a starter site with `gongkai init DIR`"
        => "请在站点文件夹中运行 gongkai，或用 --root DIR 指定站点文件夹，或用 `gongkai init DIR` 创建示例站点";
    FILE_IGNORED: "this file is not part of the content format and is ignored" => "该文件不属于内容格式，已忽略";
    FILE_IGNORED_HINT: "see docs/content-format.md for the files gongkai reads (YAML files end in .yaml)"
        => "gongkai 读取哪些文件，参见 docs/content-format.md（YAML 文件的扩展名是 .yaml）";
    FOLDER_IGNORED: "this folder is not part of the content format and is ignored" => "该文件夹不属于内容格式，已忽略";
    FOLDER_IGNORED_HINT: "see docs/content-format.md for the folders gongkai reads" => "gongkai 读取哪些文件夹，参见 docs/content-format.md";
    NO_REGION_YAML: "the region folder `{id}` has no region.yaml" => "地区文件夹 `{id}` 中没有 region.yaml";
    NO_REGION_YAML_HINT: "every folder in content/regions/ needs a region.yaml with at least `name` and `level`"
        => "content/regions/ 下的每个文件夹都需要一个 region.yaml，至少写明 `name` 和 `level`";
    COMMENTARY_NO_LANGUAGE: "a commentary file name must say its language" => "解读文件的文件名必须标明语言";
    COMMENTARY_NO_LANGUAGE_HINT: "rename it to `{base}.zh.md` or `{base}.en.md`" => "请改名为 `{base}.zh.md` 或 `{base}.en.md`";

    // ------------------------------------------------------------ what a file should hold
    HOLDS_SITE: "the site settings (title, languages, ...)" => "站点设置（标题、语言等）";
    HOLDS_CATEGORIES: "the indicator categories" => "指标分类";
    HOLDS_SCOPES: "the scopes" => "范围（口径）";
    HOLDS_INDICATOR: "an indicator" => "一项指标的定义";
    HOLDS_REGION: "the region (name, level, plan, targets)" => "地区信息（名称、级别、方案、目标）";
    HOLDS_OBSERVATIONS: "a list of observations" => "数据值列表";
    HOLDS_TASKS: "a list of key tasks" => "重点任务列表";
    HOLDS_STRINGS: "interface strings" => "界面文字";

    // ------------------------------------------------------------ a plan's text (plan.zh.md)
    PLAN_HEADING_ONE_LINE: "a heading is one line; this line follows it without a blank line"
        => "标题只能占一行，这一行紧跟在标题后面，中间没有空行";
    PLAN_HEADING_ONE_LINE_HINT: "put a blank line after the heading" => "请在标题后加一个空行";
    PLAN_TABLE_ROW: "a table row must start and end with `|`" => "表格的每一行都必须以 `|` 开头、以 `|` 结尾";
    PLAN_TABLE_ROW_HINT: "write `| cell | cell |`, and `\\|` for a `|` inside a cell; a blank line ends the table"
        => "请写成 `| 单元格 | 单元格 |`，单元格内的 `|` 写作 `\\|`；表格以空行结束";
    PLAN_BAD_CORRECTION: "an editor's correction is not closed" => "编者更正没有写完整";
    PLAN_BAD_CORRECTION_HINT: "write a correction as `{{~~extracted text~>reading~~}}`, on one line"
        => "更正的写法是 `{{~~提取的原文字~>更正后的文字~~}}`，写在同一行内";

    // ------------------------------------------- a plan's English outline (plan.en.md)
    PLAN_OUTLINE_BODY: "plan.en.md holds the headings only; the Chinese text is the plan"
        => "plan.en.md 只写各级标题的英文；方案的正文以中文原文为准";
    PLAN_OUTLINE_BODY_HINT: "leave out paragraphs and tables; write each heading on a line of its own, as `## I. General requirements {{#s1}}` (a heading starts with `#` and a space)"
        => "请删去段落和表格，每个标题单独一行，写成 `## I. General requirements {{#s1}}`（标题以 `#` 和一个空格开头）";
    PLAN_OUTLINE_NO_ANCHOR: "this heading does not say which heading of plan.zh.md it translates"
        => "这个标题没有写明它翻译的是 plan.zh.md 中的哪个标题";
    PLAN_OUTLINE_NO_ANCHOR_HINT: "end it with the anchor of that heading, as `## I. General requirements {{#s1}}` (its numbering: `s1`, `s2-3`, `a1`, or its own `{{#id}}`; lowercase letters, digits and hyphens)"
        => "请在行末写上那个标题的锚点，如 `## I. General requirements {{#s1}}`（按编号生成的 `s1`、`s2-3`、`a1`，或它用 `{{#id}}` 写明的；只用小写字母、数字和连字符）";
    PLAN_OUTLINE_EMPTY: "this heading has no words before its anchor" => "这个标题在锚点前没有文字";
    PLAN_OUTLINE_DUPLICATE: "the anchor `{anchor}` has a second English heading" => "锚点 `{anchor}` 有第二个英文标题";
    PLAN_OUTLINE_DUPLICATE_HINT: "the first is on line {line}; each heading of plan.zh.md has one English heading"
        => "第一个在第 {line} 行；plan.zh.md 的每个标题只能有一个英文标题";
    PLAN_SUCCESSOR_NOT_READ: "`{name}` is not read: gongkai reads one plan per region (plan.zh.md) for now"
        => "未读取 `{name}`：gongkai 目前每个地区只读取一个方案（`plan.zh.md`）";
    PLAN_SUCCESSOR_NOT_READ_HINT: "a later plan's text keeps this name for when more than one plan is read (see docs/content-format.md); to show it now, make it plan.zh.md"
        => "该文件名留给以后读取多个方案时使用（见 docs/content-format.md）；如需现在显示，请将其改名为 `plan.zh.md`";
    PLAN_OTHER_LANGUAGE: "`{name}` is not read: a plan's text is plan.zh.md, and its English headings plan.en.md"
        => "不读取 `{name}`：方案原文是 plan.zh.md，其英文标题是 plan.en.md";
    PLAN_OTHER_LANGUAGE_HINT: "rename it to plan.zh.md or plan.en.md, or remove it"
        => "请改名为 plan.zh.md 或 plan.en.md，或删除该文件";

    // ---------------------------------------------------------------------- data.yaml entries
    VALUES_EMPTY: "`values` is empty" => "`values` 为空";
    VALUES_EMPTY_HINT: "write `values: {{2023: 9.6, 2024: 9.3}}`" => "请写成 `values: {{2023: 9.6, 2024: 9.3}}`";
    VALUES_AND_PERIOD: "an entry has both `values` and `period`/`value`" => "同一条目中同时写了 `values` 和 `period`/`value`";
    VALUES_AND_PERIOD_HINT: "write either one observation (`period` and `value`) or a series (`values`), not both"
        => "请只写一个数据值（`period` 和 `value`）或一条数据序列（`values`），不要两者都写";
    VALUE_MISSING_HINT: "add `value: ...` next to `period`" => "请在 `period` 旁边加上 `value: ...`";
    PERIOD_MISSING_HINT: "add `period: 2023` (or 2023Q2, 2023-06)" => "请加上 `period: 2023`（或 2023Q2、2023-06）";
    ENTRY_NO_VALUE: "an entry has no value" => "该条目没有数据值";
    ENTRY_NO_VALUE_HINT: "add `period` and `value`, or `values: {{2023: ..., 2024: ...}}`"
        => "请加上 `period` 和 `value`，或写 `values: {{2023: ..., 2024: ...}}`";

    // ----------------------------------------------------------------------------- YAML
    /// Where in the file a problem is: `{message}` and the path of the value.
    IN_PATH: "{message} (in `{path}`)" => "{message}（位于 `{path}`）";
    UNKNOWN_FIELD: "unknown field `{name}`" => "未知的字段 `{name}`";
    UNKNOWN_VALUE: "unknown value `{value}`" => "未知的取值 `{value}`";
    /// After "did you mean `x`?": what may be written here.
    ALLOWED_HERE_AFTER_SUGGESTION: "{suggestion} Allowed here: {list}" => "{suggestion}此处可以写：{list}";
    ALLOWED_HERE: "allowed here: {list}" => "此处可以写：{list}";
    NO_FIELDS_ALLOWED: "no fields are allowed here" => "此处不能写任何字段";
    /// A list of words or ids, one more item before the rest.
    LIST_MORE: "{head}, {tail}" => "{head}、{tail}";
    MISSING_FIELD: "missing required field `{field}`" => "缺少必填字段 `{field}`";
    MISSING_FIELD_HINT: "add a line `{field}: ...` (see docs/content-format.md)" => "请加上一行 `{field}: ...`（参见 docs/content-format.md）";
    WRITTEN_TWICE: "`{key}` is written twice" => "`{key}` 写了两次";
    WRITTEN_TWICE_HINT: "keep one of them: YAML keeps only one value per key" => "请只保留其中一个：YAML 中每个键只能有一个值";
    /// A value of the wrong kind: `{expected}` is an `EXPECTED_*` entry, `{found}` a `FOUND_*` one.
    EXPECTED_FOUND: "expected {expected}, found {found}" => "应为{expected}，实际为{found}";
    EXPECTED_NUMBER: "a number" => "数字";
    EXPECTED_WHOLE_NUMBER: "a whole number" => "整数";
    EXPECTED_BOOLEAN: "true or false" => "布尔值 `true` 或 `false`";
    EXPECTED_STRING: "text" => "文字";
    EXPECTED_LIST: "a list (lines starting with `- `)" => "列表（以 `- ` 开头的各行）";
    EXPECTED_ANOTHER_KIND: "another kind of value" => "另一种值";
    /// What a text field accepts (also serde's "expecting" of it).
    EXPECTED_TEXT: "a text: a string, or one per language like {{zh: ..., en: ...}}"
        => "文本（一段文字，或按语言分别写出，如 `{{zh: ..., en: ...}}`）";
    EXPECTED_SCALAR: "a single value (text or a number)" => "单个值（文字或数字）";
    EXPECTED_VALUE: "a number, or one of done, in_progress, not_started" => "数字，或 `done`、`in_progress`、`not_started` 之一";
    EXPECTED_MAPPING: "a mapping (`key: value` lines)" => "键值对（`key: value` 形式的各行）";
    /// serde_yaml's words where one of a list of words (`direction`, `level`, …) is expected.
    EXPECTED_WORD: "a YAML tag starting with '!'" => "一个词（此处允许的取值之一）";
    FOUND_STRING: "string {value}" => "文字 {value}";
    FOUND_INTEGER: "integer {value}" => "整数 {value}";
    FOUND_FLOAT: "floating point {value}" => "小数 {value}";
    FOUND_BOOLEAN: "boolean {value}" => "布尔值 {value}";
    FOUND_SEQUENCE: "sequence" => "列表";
    FOUND_MAP: "map" => "键值对";
    FOUND_NULL: "unit value" => "空值";
    /// serde's "invalid length": a list with too few or too many items.
    INVALID_LENGTH: "invalid length {n}, expected {expected}" => "长度 {n} 不对，应为{expected}";
    NUMBER_HINT: "write the number alone, without a unit, 年 or % (e.g. 2025, 85.2)"
        => "只写数字，不带单位、“年”或 %（如 2025、85.2）";
    YAML_TOO_DEEP: "the YAML is nested too deeply" => "YAML 嵌套层次过深";
    YAML_TOO_DEEP_HINT: "content files never need more than a few levels of nesting" => "内容文件最多只需要几层嵌套";
    YAML_ALIASES: "the YAML expands aliases (`*name`) into too much data" => "YAML 中的别名（`*name`）展开后数据量过大";
    YAML_ALIASES_HINT: "write values out instead of using anchors and aliases" => "请直接写出各个值，不要使用锚点（`&`）和别名（`*`）";
    /// A syntax error; `{detail}` is the parser's account (`YAML_PROBLEM_*`, `YAML_CONTEXT_*`).
    YAML_UNREADABLE: "the YAML cannot be read: {detail}" => "无法读取 YAML：{detail}";
    TAB_HINT: "this line contains a tab character; YAML needs spaces for indentation" => "这一行含有制表符（Tab）；YAML 只能用空格缩进";
    SYNTAX_HINT_FIELDS: "check indentation (spaces only, the same depth for the fields of one entry) and put text containing `: ` or starting with `*`, `&`, `[` or `{{` in quotes"
        => "请检查缩进（只用空格，同一条目的各字段缩进相同）；含有 `: ` 或以 `*`、`&`、`[`、`{{` 开头的文字请加引号";
    SYNTAX_HINT_ITEMS: "check indentation (spaces only, the same depth for items of one list) and put text containing `: ` or starting with `*`, `&`, `[` or `{{` in quotes"
        => "请检查缩进（只用空格，同一列表的各项缩进相同）；含有 `: ` 或以 `*`、`&`、`[`、`{{` 开头的文字请加引号";
    /// A parser's problem and where it was reading, in the parser's order.
    YAML_DETAIL_PROBLEM_FIRST: "{problem}, {context}" => "{context}时，{problem}";
    YAML_DETAIL_CONTEXT_FIRST: "{context}, {problem}" => "{context}时，{problem}";

    // The parsers' problems (libyaml's and yaml-rust2's words).
    YAML_PROBLEM_EXPECTED_KEY: "did not find expected key" => "找不到应有的键";
    YAML_PROBLEM_BAD_TOKEN_START: "found character that cannot start any token" => "遇到了不能出现在此处的字符";
    YAML_PROBLEM_MAPPING_VALUES: "mapping values are not allowed in this context" => "此处不能出现 `key: value`";
    YAML_PROBLEM_MAPPING_KEYS: "mapping keys are not allowed in this context" => "此处不能出现键";
    YAML_PROBLEM_SEQUENCE_ENTRIES: "block sequence entries are not allowed in this context" => "此处不能出现列表项（`- `）";
    YAML_PROBLEM_EXPECTED_DASH: "did not find expected '-' indicator" => "找不到应有的列表标记 `-`";
    YAML_PROBLEM_EXPECTED_COLON: "could not find expected ':'" => "找不到应有的冒号 `:`";
    YAML_PROBLEM_SIMPLE_KEY_COLON: "simple key expect ':'" => "键后面缺少冒号 `:`";
    YAML_PROBLEM_END_OF_STREAM: "found unexpected end of stream" => "文件意外结束（可能缺少引号或括号的另一半）";
    YAML_PROBLEM_NODE_CONTENT: "did not find expected node content" => "找不到应有的值";
    YAML_PROBLEM_FLOW_SEQUENCE_END: "did not find expected ',' or ']'" => "找不到应有的 `,` 或 `]`";
    YAML_PROBLEM_FLOW_SEQUENCE_END_2: "expected ',' or ']'" => "缺少 `,` 或 `]`";
    YAML_PROBLEM_FLOW_MAPPING_END: "did not find expected ',' or '}}'" => "找不到应有的 `,` 或 `}}`";
    YAML_PROBLEM_ESCAPE: "found unknown escape character" => "遇到了未知的转义字符（双引号中的 `\\`）";
    YAML_PROBLEM_TAB_INDENT: "found a tab character that violates indentation" => "遇到了破坏缩进的制表符（Tab）";
    YAML_PROBLEM_TAB_INDENT_2: "found a tab character where an indentation space is expected" => "应为缩进空格的地方出现了制表符（Tab）";
    YAML_PROBLEM_TAB_INDENT_3: "tab cannot be used as indentation" => "不能用制表符（Tab）缩进";
    YAML_PROBLEM_TABS: "tabs disallowed in this context" => "此处不能使用制表符（Tab）";
    YAML_PROBLEM_TABS_BLOCK: "tabs disallowed within this context (block indentation)" => "此处的缩进不能使用制表符（Tab）";
    YAML_PROBLEM_INDENTATION: "invalid indentation" => "缩进不正确";
    YAML_PROBLEM_DOCUMENT_INDICATOR: "found unexpected document indicator" => "遇到了意外的文档分隔行（`---` 或 `...`）";
    YAML_PROBLEM_DOCUMENT_START: "did not find expected <document start>" => "找不到应有的文档开头";
    YAML_PROBLEM_TRAILING_CONTENT: "invalid trailing content after double-quoted scalar" => "双引号结束后还有多余的内容";
    YAML_PROBLEM_UNKNOWN_ANCHOR: "unknown anchor" => "别名（`*name`）指向的锚点不存在";
    YAML_PROBLEM_TWO_DOCUMENTS: "deserializing from YAML containing more than one document is not supported"
        => "一个文件中只能有一个 YAML 文档（不要用 `---` 分成几段）";

    // Where the parsers were reading (in Chinese without the 时 that the sentence adds).
    YAML_CONTEXT_BLOCK_MAPPING: "while parsing a block mapping" => "读取键值对";
    YAML_CONTEXT_BLOCK_COLLECTION: "while parsing a block collection" => "读取列表";
    YAML_CONTEXT_BLOCK_NODE: "while parsing a block node" => "读取值";
    YAML_CONTEXT_FLOW_MAPPING: "while parsing a flow mapping" => "读取花括号 `{{}}` 中的内容";
    YAML_CONTEXT_FLOW_SEQUENCE: "while parsing a flow sequence" => "读取方括号 `[]` 中的内容";
    YAML_CONTEXT_FLOW_NODE: "while parsing a flow node" => "读取括号中的值";
    YAML_CONTEXT_NODE: "while parsing a node" => "读取值";
    YAML_CONTEXT_NODE_2: "while parsing node" => "读取值";
    YAML_CONTEXT_NEXT_TOKEN: "while scanning for the next token" => "读取下一项内容";
    YAML_CONTEXT_SIMPLE_KEY: "while scanning a simple key" => "读取键";
    YAML_CONTEXT_QUOTED: "while scanning a quoted scalar" => "读取带引号的文字";
    YAML_CONTEXT_QUOTED_2: "while parsing a quoted scalar" => "读取带引号的文字";
    YAML_CONTEXT_PLAIN: "while scanning a plain scalar" => "读取文字";
    YAML_CONTEXT_BLOCK_SCALAR: "while scanning a block scalar" => "读取多行文字块（`|` 或 `>`）";
    YAML_CONTEXT_ANCHOR: "while scanning an anchor" => "读取锚点（`&`）";
    YAML_CONTEXT_ALIAS: "while scanning an alias" => "读取别名（`*`）";
    YAML_CONTEXT_ANCHOR_OR_ALIAS: "while scanning an anchor or alias" => "读取锚点或别名";

    // ------------------------------------------------------------------------------ data.csv
    /// `{error}` is the CSV reader's account.
    CSV_UNREADABLE: "the CSV cannot be read: {error}" => "无法读取 CSV：{error}";
    CSV_EMPTY_HINT: "the first line must be `indicator,scope,period,value,note`; delete the file if it is not needed"
        => "第一行必须是 `indicator,scope,period,value,note`；如果不需要，可以删除该文件";
    CSV_UNEXPECTED_COLUMN: "unexpected column `{name}` in the header" => "表头中有无法识别的列 `{name}`";
    CSV_HEADER_HINT: "the header must start with `indicator,scope,period,value,note`, optionally followed by `source`, `sample` and `released`"
        => "表头必须以 `indicator,scope,period,value,note` 开头，其后可以加 `source`、`sample` 和 `released`";
    /// After "did you mean `x`?".
    CSV_HEADER_HINT_AFTER_SUGGESTION: "{suggestion} The header must start with `indicator,scope,period,value,note`, optionally followed by `source`, `sample` and `released`"
        => "{suggestion}表头必须以 `indicator,scope,period,value,note` 开头，其后可以加 `source`、`sample` 和 `released`";
    CSV_TOO_FEW_COLUMNS: "the header has {n} columns, expected at least 5" => "表头只有 {n} 列，至少应有 5 列";
    CSV_TOO_FEW_COLUMNS_HINT: "the header must be `indicator,scope,period,value,note` (optionally `,source,sample`)"
        => "表头必须是 `indicator,scope,period,value,note`（其后可以加 `,source,sample`）";
    CSV_ROW_COLUMNS: "this row has {row} columns, the header has {header}" => "这一行有 {row} 列，而表头有 {header} 列";
    CSV_ROW_COLUMNS_HINT: "put text containing commas in double quotes, and leave empty cells empty (`cmi,,2023,0.98,`)"
        => "含有逗号的文字请用英文双引号括起来，空单元格留空即可（如 `cmi,,2023,0.98,`）";
    CSV_EMPTY_VALUE: "the value is empty" => "数值为空";
    CSV_EMPTY_VALUE_HINT: "delete the row if there is no value for this period" => "如果这一期间没有数据，请删除这一行";
    CSV_NOT_A_NUMBER: "`{value}` is not a number" => "`{value}` 不是数字";
    CSV_NOT_A_NUMBER_HINT: "write numbers without thousands separators (12345.6)" => "数字不要带千位分隔符（如 12345.6）";
    CSV_SAMPLE_FLAG: "`{value}` in the sample column" => "sample 列中的 `{value}` 无法识别";
    CSV_SAMPLE_FLAG_HINT: "write `true` for illustrative values, or leave the cell empty" => "示例数据请写 `true`，否则留空";

    // ------------------------------------------------------------------------------ Markdown
    QUOTES_TOO_DEEP: "block quotes are nested {depth} deep; at most {max} are allowed" => "引用嵌套了 {depth} 层，最多允许 {max} 层";
    QUOTES_TOO_DEEP_HINT: "a line starting with `>` is a quote; `> >` is a quote inside a quote"
        => "以 `>` 开头的行是引用，`> >` 是引用中的引用";
    FRONT_MATTER_UNCLOSED: "the front matter is not closed" => "文件开头的 front matter（`---` 之间的部分）没有结束";
    FRONT_MATTER_UNCLOSED_HINT: "end the front matter with a line holding only `---`" => "请在 front matter 之后加一行，只写 `---`";
}
