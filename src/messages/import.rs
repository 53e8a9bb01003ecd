//! What `gongkai import` says: problems with a spreadsheet, its cells and the mapping file,
//! conflicts with the content, and the summary of what it did or would do.

crate::messages::catalogue! {
    // ---------------------------------------------------------------------------- the file
    CANNOT_READ: "cannot read the file: {error}" => "无法读取文件：{error}";
    FILE_TOO_BIG: "the file is {mb} MB, more than the {limit} MB gongkai imports" => "文件大小为 {mb} MB，超过可导入的上限 {limit} MB";
    FILE_TOO_BIG_HINT: "split it into several files (by region or by year) and import them one by one" => "请按地区或年份拆分为几个文件，逐个导入";
    WPS_ET: "a WPS `.et` file cannot be read" => "无法读取 WPS 的 `.et` 文件";
    SAVE_AS_XLSX: "open it and save it as an Excel workbook (.xlsx), then import that file" => "请打开该文件，另存为 Excel 工作簿（.xlsx）后再导入";
    UTF16_TEXT: "the file is Unicode (UTF-16) text, which gongkai does not read" => "该文件是 Unicode（UTF-16）文本，gongkai 不读取这种格式";
    UNSUPPORTED_FORMAT: "files ending in `.{ext}` cannot be imported" => "无法导入扩展名为 `.{ext}` 的文件";
    UNSUPPORTED_FORMAT_HINT: "gongkai imports .xlsx, .xlsm, .xls, .ods and .csv files" => "gongkai 可导入 .xlsx、.xlsm、.xls、.ods 和 .csv 文件";
    NUL_BYTE: "the file holds a NUL byte (at byte {offset}): it is not text" => "文件中有 NUL 字节（第 {offset} 字节处），不是文本文件";
    NUL_BYTE_HINT: "export the data again as CSV or .xlsx from the program that made it" => "请从原程序重新导出为 CSV 或 .xlsx";
    NOT_TEXT: "the file is neither UTF-8 nor GB18030/GBK text" => "文件既不是 UTF-8 也不是 GB18030/GBK 编码的文本";
    NOT_TEXT_HINT: "save it as \"CSV UTF-8\" or as an Excel workbook (.xlsx)" => "请另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）";
    CSV_FILE_UNREADABLE: "the CSV cannot be read: {error}" => "无法读取 CSV：{error}";
    WORKBOOK_UNREADABLE: "the workbook cannot be read: {error}" => "无法读取工作簿：{error}";
    WORKBOOK_UNREADABLE_HINT: "open it in Excel or WPS and save it again as .xlsx; a damaged file cannot be read" => "请用 Excel 或 WPS 打开并重新另存为 .xlsx；文件损坏时无法读取";
    WORKBOOK_DAMAGED: "the workbook is damaged: it holds a part its reader cannot make sense of" => "工作簿已损坏：其中有无法识别的内容";
    PASSWORD_PROTECTED: "the workbook is protected by a password" => "工作簿设有密码保护";
    PASSWORD_PROTECTED_HINT: "save a copy without the password and import that" => "请另存一份不带密码的副本后再导入";
    NO_SUCH_SHEET: "the workbook has no sheet `{sheet}`" => "工作簿中没有名为 `{sheet}` 的工作表";
    NO_SUCH_SHEET_HINT: "its sheets: {sheets}" => "现有工作表：{sheets}";
    SHEET_TOO_BIG: "sheet `{sheet}` reaches {rows} rows and {columns} columns, more than gongkai imports" => "工作表 `{sheet}` 达到 {rows} 行、{columns} 列，超出可导入的范围";
    SHEET_TOO_BIG_HINT: "at most {rows} rows, {columns} columns and {cells} cells per sheet; delete stray cells far from the table (Ctrl+End shows the last one) or split the sheet" => "每个工作表最多 {rows} 行、{columns} 列、{cells} 个单元格；请删除表格之外的零散单元格（按 Ctrl+End 可找到最后一个），或拆分工作表";
    ZIP_TOO_MANY_PARTS: "the file is a zip of {n} parts, more than the {limit} a workbook may have" => "文件是由 {n} 个部分组成的压缩包，超过工作簿可有的 {limit} 个";
    ZIP_PART_TOO_BIG: "the part `{part}` of the file unpacks to {mb} MB, more than the {limit} MB gongkai reads" => "文件中的 `{part}` 解压后为 {mb} MB，超过可读取的上限 {limit} MB";
    ZIP_TOO_BIG: "the file unpacks to {mb} MB, more than the {limit} MB gongkai reads" => "文件解压后共 {mb} MB，超过可读取的上限 {limit} MB";
    ZIP_HINT: "split the workbook (by region or by year) and import the parts one by one, or check that this is the right file" => "请按地区或年份拆分工作簿后逐个导入，或确认是不是选错了文件";
    ZIP_BOMB: "the part `{part}` of the file unpacks to {mb} MB, {ratio} times its packed size: no spreadsheet packs like that (a \"zip bomb\")" => "文件中的 `{part}` 解压后为 {mb} MB，是压缩后大小的 {ratio} 倍，正常的表格不会如此（疑为“压缩炸弹”）";
    ZIP_BOMB_HINT: "the file is damaged or made to exhaust memory; do not open it, ask for the data again" => "文件已损坏或被特意构造以耗尽内存；请勿打开，向报送单位重新索取数据";
    TEXT_TOO_LONG: "the cell's text is too long" => "单元格文字过长";
    TEXT_TOO_LONG_HINT: "a cell may hold at most {limit} characters" => "每个单元格最多 {limit} 个字符";

    // ------------------------------------------------------------------------ the mapping
    HOLDS_MAPPING: "the import mapping (sheet, header, columns, ...)" => "导入映射（工作表、表头、各列含义等）";
    MAPPING_UNKNOWN_NAME: "the mapping names `{name}`, which the site does not know" => "映射文件中的 `{name}` 在站点中找不到";
    MAPPING_UNKNOWN_NAME_HINT: "give the {what}'s id or its name as the site has it" => "请填写{what}的 id 或站点中的名称";
    WHAT_REGION: "region" => "地区";
    WHAT_INDICATOR: "indicator" => "指标";
    WHAT_SCOPE: "scope" => "范围（口径）";
    WHAT_PERIOD: "period" => "期间";
    UNKNOWN_REGION_FLAG: "`--region {region}`: there is no such region" => "`--region {region}`：没有这个地区";
    UNKNOWN_REGION_FLAG_HINT: "give the id of a folder under content/regions/" => "请填写 content/regions/ 下某个文件夹的名称（地区 id）";

    // --------------------------------------------------------------------------- the cells
    UNKNOWN_HEADER: "the column header `{text}` is not a period, an indicator or a scope" => "列标题 `{text}` 既不是期间，也不是指标或范围（口径）";
    UNKNOWN_HEADER_HINT: "write the indicator's name or id, or a period (2023年, 2023Q1), or mark the column `ignore` in the mapping file" => "请写指标名称或 id，或期间（如 2023年、2023Q1），或在映射文件中把该列标为 `ignore`";
    UNKNOWN_NAME: "`{name}` matches no id, name or alias" => "`{name}` 与任何 id、名称或别名都不匹配";
    UNKNOWN_NAME_HINT: "write the name as the site has it, or add it to the indicator's `aliases`" => "请按站点中的写法填写名称，或把它加入指标的 `aliases`";
    AMBIGUOUS_NAME: "`{name}` is the name of several regions" => "有多个地区名为 `{name}`";
    AMBIGUOUS_NAME_HINT: "write the region's id, or its parent's name before it; the candidates: {candidates}" => "请填写地区 id，或在名称前加上级地区名称；候选：{candidates}";
    BAD_PERIOD: "`{text}` is not a period" => "`{text}` 不是期间";
    BAD_PERIOD_HINT: "write a year (2023 or 2023年), a quarter (2023Q1, 2023年第一季度) or a month (2023-06, 2023年6月)" => "请写年份（2023 或 2023年）、季度（2023Q1、2023年第一季度）或月份（2023-06、2023年6月）";
    CELL_WITHOUT: "nothing says the {what} of this value" => "无法确定该数值的{what}";
    CELL_WITHOUT_HINT: "add a column for it, or name it for the whole sheet in the mapping file or with `--region`" => "请为它增加一列，或在映射文件中（地区也可用 `--region`）为整个工作表指定";
    WRONG_FREQUENCY: "the period {period} does not fit `{indicator}`" => "期间 {period} 与 `{indicator}` 的频率不符";
    WRONG_FREQUENCY_HINT: "the indicator is reported {frequency}; a date cell may have turned a year into a month" => "该指标按 {frequency} 报送；日期格式的单元格可能把年份变成了月份";
    NOT_A_NUMBER: "`{text}` is not a number (the column holds `{indicator}`)" => "`{text}` 不是数字（该列为 `{indicator}`）";
    NOT_A_NUMBER_HINT: "write the number alone (85.2, 1,234); leave a missing value blank or write —" => "请只写数字（如 `85.2`、`1,234`）；缺失值请留空或写 —";
    NOT_A_STATE: "`{text}` is not a state (`{indicator}` is qualitative)" => "`{text}` 不是进展状态（`{indicator}` 是定性指标）";
    NOT_A_STATE_HINT: "write 已完成, 推进中, 未启动, 滞后, 是 or 否 (or done, in_progress, not_started, delayed)" => "请写 已完成、推进中、未启动、滞后、是 或 否（或 done、in_progress、not_started、delayed）";
    ERROR_CELL: "the cell holds the error {error}" => "单元格内是错误值 {error}";
    ERROR_CELL_HINT: "correct the formula in the workbook, or replace it by the value" => "请在工作簿中修正公式，或改为填写数值";
    FORMULA_WITHOUT_VALUE: "the cell holds a formula without a calculated value" => "单元格内是公式，但没有计算结果";
    FORMULA_WITHOUT_VALUE_MORE: "the cell holds a formula without a calculated value, and so do {more} more cells of this sheet"
        => "单元格内是公式，但没有计算结果；本工作表另有 {more} 个这样的单元格";
    FORMULA_WITHOUT_VALUE_HINT: "the file was saved by a program that does not calculate formulas: open it in Excel or WPS and save it again, or paste the values (选择性粘贴 → 数值)"
        => "该文件由不计算公式的程序保存：请用 Excel 或 WPS 打开后重新保存，或把公式改为数值（选择性粘贴 → 数值）";
    FORMULA_BLANK_RESULT: "the cell holds a formula whose saved result is blank ({count} such cells in this sheet): read as blank, so they import nothing"
        => "单元格内是公式，保存的计算结果为空（本工作表共 {count} 个这样的单元格）：按空白读取，不导入任何数值";
    FORMULA_BLANK_RESULT_HINT: "if these formulas should give numbers, the file was saved by a program that does not calculate them: open it in Excel or WPS and save it again"
        => "如果这些公式应当得出数值，说明该文件由不计算公式的程序保存：请用 Excel 或 WPS 打开后重新保存";
    DATE_AS_VALUE: "the cell holds a date ({date}), not a number" => "单元格内是日期（{date}），不是数字";
    DATE_AS_VALUE_HINT: "format the cell as a number (常规 or 数值) and type the value again" => "请把单元格格式设为“常规”或“数值”，重新输入数值";
    PERCENT_NOT_PERCENT_UNIT: "a percentage, but `{indicator}` is not measured in %" => "填写了百分比，但 `{indicator}` 的单位不是 %";
    PERCENT_NOT_PERCENT_UNIT_HINT: "write the value in the indicator's unit" => "请按指标的单位填写数值";
    PERCENT_AS_FRACTION: "every value of `{indicator}` (a %) in this column is 1 or less (the first: {value}): is 85.2% written as 0.852?" => "该列 `{indicator}`（单位为 %）的数值都不超过 1（第一个为 {value}），是否把 85.2% 写成了 0.852？";
    PERCENT_AS_FRACTION_HINT: "write the percentages as 85.2; or say in the mapping file `percent: fraction` (0.852 means 85.2%) or `percent: points` (the values are right as they are)" => "请把百分比写成 85.2；或在映射文件中写 `percent: fraction`（0.852 表示 85.2%）或 `percent: points`（数值原样正确）";
    DUPLICATE_VALUE: "a second value for the same region, indicator, scope and period (the first is at {first})" => "同一地区、指标、范围和期间出现了第二个数值（第一个在 {first}）";
    DUPLICATE_VALUE_HINT: "keep one of them" => "请只保留其中一个";

    // -------------------------------------------------------------------- writing and conflicts
    CONFLICT: "`{indicator}` {period} is {old} here; the file says {new}" => "`{indicator}` {period} 此处为 {old}，导入文件为 {new}";
    CONFLICT_HINT: "run again with `--replace` to replace the values held (see the list above with `--dry-run`)" => "如需替换已有数值，请加 `--replace` 重新运行（可先用 `--dry-run` 查看清单）";
    CSV_NOT_MERGEABLE: "import cannot add to this data.csv: its header is not the documented one" => "无法向该 data.csv 添加数据：其表头不是规定的格式";
    CSV_NOT_MERGEABLE_HINT: "the header must start with indicator,scope,period,value,note; run `gongkai check` and fix it first" => "表头必须以 `indicator,scope,period,value,note` 开头；请先运行 `gongkai check` 并修正";
    YAML_NOT_EDITABLE: "`{indicator}` {period} cannot be replaced by editing its line" => "无法通过修改一行来替换 `{indicator}` {period}";
    YAML_NOT_EDITABLE_HINT: "the value is not a plain number or word on one line; change it by hand" => "该数值不是单独一行中的普通数字或词语，请手工修改";
    YAML_RELEASED_HINT: "the value held has a release date (`released`), which the new value does not share: change the entry by hand (the new value, and `released` when it is made public)" => "现有数值带有发布日期（`released`），新数值并非该日发布：请手工修改该条目（填写新数值，待其公开发布后再写 `released`）";
    YAML_SAMPLE_HINT: "the value held is a sample (`sample: true`), shared by its entry: delete it from data.yaml by hand, then import again" => "现有数值是示例数据（`sample: true`），该标记属于整个条目：请手工从 data.yaml 中删除该数值后再导入";

    // ---------------------------------------------------------------------------- the summary
    SUMMARY_READ: "Read {file} ({format}): {sheets}" => "已读取 {file}（{format}）：{sheets}";
    SHEET_SHAPE: "sheet `{sheet}`: {shape}" => "工作表 `{sheet}`：{shape}";
    SHAPE_LONG: "a long table" => "长表";
    SHAPE_BY_REGION: "a wide table, one row per region" => "宽表，每行一个地区";
    SHAPE_BY_INDICATOR: "a wide table, one row per indicator" => "宽表，每行一项指标";
    SHAPE_BY_PERIOD: "a wide table, one row per period" => "宽表，每行一个期间";
    SHAPE_FIXED: "a table of values for one region and indicator" => "单一地区、指标的数值表";
    NORMALISED: "Normalised: {list}" => "已规范化：{list}";
    NORM_FULL_WIDTH: "{n} with full-width digits" => "全角数字 {n} 处";
    NORM_THOUSANDS: "{n} with thousands separators" => "千位分隔符 {n} 处";
    NORM_PERCENT_SIGN: "{n} with a % sign" => "带 % 号 {n} 处";
    NORM_PERCENT_CELL: "{n} percent-formatted cells (×100)" => "百分比格式单元格 {n} 处（×100）";
    NORM_PERCENT_FRACTION: "{n} fractions taken as percentages (×100)" => "按小数折算为百分数 {n} 处（×100）";
    NORM_MISSING: "{n} marks for a missing value (skipped)" => "缺失值标记 {n} 处（已跳过）";
    NORM_STATE_WORD: "{n} state words (是/否, 已完成, ...)" => "状态词 {n} 处（是/否、已完成等）";
    NORM_CHINESE_PERIOD: "{n} periods written in words (2023年, 2023年6月, ...)" => "文字写法的期间 {n} 处（2023年、2023年6月等）";
    NORM_DATE_PERIOD: "{n} date cells read as months" => "日期单元格读作月份 {n} 处";
    NORM_ROUNDED: "{n} numbers rounded to 15 significant digits" => "数值按 15 位有效数字取舍 {n} 处";
    REGION_SUMMARY: "{region}: {added} added, {changed} changed, {unchanged} unchanged" => "{region}：新增 {added} 个，修改 {changed} 个，未变 {unchanged} 个";
    CHANGED_VALUE: "  changed {series} {period}: {old} → {new} ({file})" => "  修改 {series} {period}：{old} → {new}（{file}）";
    CHANGED_SAMPLE: " (was a sample)" => "（原为示例数据）";
    STILL_SAMPLE: "  still sample values: {series}" => "  仍为示例数据的序列：{series}";
    CSV_WAS_GBK: "  note: {file} was GBK; it is written as UTF-8 with a BOM" => "  注意：{file} 原为 GBK 编码，将以带 BOM 的 UTF-8 写入";
    DRY_RUN_DONE: "Dry run: nothing written. Run without --dry-run to write." => "试运行：未写入任何文件。去掉 --dry-run 即可写入。";
    IMPORT_DONE: "Imported: {n} files written." => "导入完成：已写入 {n} 个文件。";
    IMPORT_FAILED: "Nothing imported: {errors}." => "未导入任何数据：{errors}。";
    JOURNAL_FOUND: "A previous import stopped before it finished. Written: {done}. Not written: {not}." => "上一次导入未完成就中断了。已写入：{done}。未写入：{not}。";
    NONE: "none" => "无";
    REGION_LIST: "regions {list}" => "地区 {list}";
    /// Between the items of a list.
    LIST_SEP: ", " => "、";
}
