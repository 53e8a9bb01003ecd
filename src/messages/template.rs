//! What `gongkai template` says, and the words of the workbook it writes: the sheets, the
//! column headers, the instructions, the drop-down words. The workbook is written in Chinese
//! (its fillers' language; the `zh` side of each entry); the English side is for reading the
//! catalogue and for messages on an English command line. Also what `gongkai import` says about
//! a workbook of `gongkai template` read back (ids, task progress, sample values dropped).

crate::messages::catalogue! {
    // ------------------------------------------------------------------- the command line
    TEMPLATE_WRITTEN: "wrote {file}: {regions} region(s), {series} series, {tasks} task(s), periods {periods}" => "已生成 {file}：{regions} 个地区、{series} 个数据系列、{tasks} 项重点任务，期间 {periods}";
    TEMPLATE_FAILED: "no workbook written: {errors}" => "未生成填报表：{errors}";
    TEMPLATE_NO_DEADLINE: "note: site.yaml gives no `collection.deadline`; the workbook says no deadline is set" => "提示：site.yaml 未设 `collection.deadline`，填报表中注明“未规定报送截止时间”";
    NEED_REGION: "say which region: `--region ID`, or `--all -o DIR` for one workbook per region" => "请指定地区：`--region 地区id`，或用 `--all -o 目录` 为每个地区各生成一个填报表";
    NEED_REGION_HINT: "the regions are the folders under content/regions/" => "地区 id 即 content/regions/ 下的文件夹名";
    ALL_NEEDS_DIR: "`--all` writes one workbook per region: give the folder with `-o DIR`" => "`--all` 为每个地区各生成一个填报表：请用 `-o 目录` 指定保存的文件夹";
    ALL_NEEDS_DIR_HINT: "for example: gongkai template --all -o round-2025" => "例如 gongkai template --all -o 2025年调度";
    BAD_PERIODS: "`--periods {text}` is not a period or a range of periods" => "`--periods {text}` 不是期间或期间范围";
    BAD_PERIODS_HINT: "write a year (2025), a range of years (2025..2026), quarters (2025Q1..2025Q4) or months (2025-01..2025-06)" => "请写年份（2025）、年份范围（2025..2026）、季度（2025Q1..2025Q4）或月份（2025-01..2025-06）";
    CANNOT_WRITE_WORKBOOK: "cannot write {file}: {error}" => "无法写入 {file}：{error}";

    HELP_TEMPLATE: "Write the collection workbook of a reporting round (.xlsx): what to fill in for each indicator and key task, read back by `gongkai import`" => "生成一轮数据调度的填报表（.xlsx）：列出各指标和重点任务需填写的内容，填好后用 `gongkai import` 导入";
    HELP_TEMPLATE_REGION: "The region whose workbook to write" => "为哪个地区生成填报表";
    HELP_TEMPLATE_ALL: "One workbook per region, into the folder given with -o" => "为每个地区各生成一个填报表，保存到 -o 指定的文件夹";
    HELP_TEMPLATE_PERIODS: "The periods asked: 2025, 2025..2026, 2025Q1..2025Q4 or 2025-01..2025-06 (default: the one after each series' latest value)" => "填报期间：2025、2025..2026、2025Q1..2025Q4 或 2025-01..2025-06（默认：各数据系列最新数值的下一期）";
    HELP_TEMPLATE_CHILDREN: "Add a block for each region below it (the usual 调度 of a city's counties)" => "为下属各地区各加一块（市对下属区县的调度）";
    HELP_TEMPLATE_OUTPUT: "The file to write (default: <region>-<first>-<last>.xlsx); with --all, the folder" => "保存的文件（默认：<地区>-<起始期>-<结束期>.xlsx）；与 --all 同用时为文件夹";
    HELP_IMPORT_DROP_SAMPLE: "Drop the sample values (`sample: true`) of the regions a gongkai workbook covers, and their tasks' sample progress" => "删除 gongkai 填报表所含地区的示例数值（`sample: true`）及其任务的示例进展";

    // ---------------------------------------------------------------------- sheet names
    SHEET_INSTRUCTIONS: "Instructions" => "填报说明";
    SHEET_YEARLY: "Indicator data" => "指标数据";
    SHEET_QUARTERLY: "Quarterly indicators" => "季度指标";
    SHEET_MONTHLY: "Monthly indicators" => "月度指标";
    SHEET_TASKS: "Key tasks" => "重点任务";

    // ------------------------------------------------------------------- column headers
    COL_REGION: "Region" => "地区";
    COL_INDICATOR: "Indicator" => "指标";
    COL_SCOPE: "Scope" => "口径";
    COL_UNIT: "Unit" => "单位";
    COL_DECIMALS: "Decimals" => "小数位数";
    COL_DIRECTION: "Better when" => "指标导向";
    COL_TARGETS: "The plan's targets" => "规划目标";
    COL_LATEST: "Latest values held" => "已有最新数值";
    COL_NOTE: "Note" => "备注";
    COL_SOURCE: "Source" => "数据来源";
    COL_NUMBER: "No." => "序号";
    COL_TASK: "Task" => "重点任务";
    COL_UNITS: "Responsible units" => "责任单位";
    COL_DEADLINE: "Deadline" => "完成时限";
    COL_NOW: "Status held" => "现有状态";
    COL_STATUS: "Status (choose)" => "进展状态（下拉选择）";
    COL_PROGRESS: "Progress" => "进展情况";
    COL_UPDATED: "Date of the progress (yyyy-mm-dd)" => "进展日期（年-月-日）";

    // ------------------------------------------------------------------- cell words
    DIR_INCREASE: "higher" => "越高越好";
    DIR_DECREASE: "lower" => "越低越好";
    DIR_RANGE: "within a range" => "区间为宜";
    DIR_MONITOR: "monitored" => "监测";
    STATE_DONE: "done" => "已完成";
    STATE_IN_PROGRESS: "in progress" => "推进中";
    STATE_NOT_STARTED: "not started" => "未启动";
    STATE_DELAYED: "delayed" => "滞后";
    SAMPLE_MARK: " (sample)" => "（示例）";
    NOTHING_HELD: "none yet" => "暂无";
    NO_TARGET: "no target in this region's plan" => "本地区方案未设目标";
    DEADLINE_ONGOING: "ongoing" => "持续推进";
    DEADLINE_NONE: "no deadline set in the plan" => "方案未规定时限";
    LEAD: "Lead: {units}" => "牵头：{units}";
    PARTNERS: "partners: {units}" => "配合：{units}";
    VALIDATION_NUMBER_TITLE: "A number" => "请填数字";
    VALIDATION_NUMBER: "In {unit}: a number (85.2 for 85.2%, not 0.852). Leave it blank if there is none." => "单位：{unit}。请填数字（85.2% 填 85.2，不要填 0.852）；没有数据请留空。";
    VALIDATION_STATE: "Choose from the list." => "请从下拉列表中选择。";
    VALIDATION_DATE: "A date: 2025-03-31." => "请填写日期，如 2025-03-31。";

    // ------------------------------------------------------------------- instructions
    INSTR_TITLE: "{site}: data collection workbook of {region}" => "{site}：{region}数据填报表";
    INSTR_REGIONS: "Regions" => "填报地区";
    INSTR_PERIODS: "Periods asked" => "填报期间";
    INSTR_DEADLINE: "Deadline" => "报送截止时间";
    INSTR_SEND_TO: "Send it to" => "报送方式";
    INSTR_CONTACT: "Contact" => "联系人";
    INSTR_NOTE: "Also" => "其他说明";
    INSTR_NO_DEADLINE: "none is set (site.yaml has no collection.deadline); ask the office that sent this workbook" => "未规定（site.yaml 未设 collection.deadline），请向发表单位确认";
    INSTR_NOT_GIVEN: "not given; ask the office that sent this workbook" => "未注明，请向发表单位确认";
    INSTR_HOW: "How to fill it in" => "填报方法";
    INSTR_1: "1. Fill only the yellow cells; everything else is locked so that the layout survives (the sheets are protected without a password: do not unprotect them, delete rows or columns, or rename the hidden ones)." => "1. 只在黄色单元格中填写；其余单元格已锁定，以免表格结构被改动（工作表保护未设密码，请勿取消保护、删除行列或改动隐藏的行列）。";
    INSTR_2: "2. Numbers in the row's unit (单位 column): 85.2 for 85.2%, 8.6 for 8.6 days. A formula is fine. Leave a cell blank when there is no value: do not write 0." => "2. 数值按该行“单位”列的单位填写：85.2% 填 85.2，8.6天填 8.6；可以使用公式。没有数据的单元格请留空，不要填 0。";
    INSTR_3: "3. Qualitative indicators and task status: choose from the drop-down list (已完成, 推进中, 未启动, 滞后)." => "3. 定性指标和任务状态：从下拉列表中选择（已完成、推进中、未启动、滞后）。";
    INSTR_4: "4. A note on a value (preliminary, a different scope, how it was computed): in the row's 备注 column; where the number comes from: in 数据来源." => "4. 对数值的说明（初步数据、口径差异、计算方法等）写在该行的“备注”列，数据出处写在“数据来源”列。";
    INSTR_5: "5. Key tasks: choose the status, write the latest progress in 进展情况 and its date (2025-03-31) in the last column." => "5. 重点任务：选择进展状态，在“进展情况”中写最新进展，并在最后一列填写进展日期（如 2025-03-31）。";
    INSTR_6: "6. The grey columns are what the site holds now, for reference: the plan's targets and the latest values (示例 marks sample values, not official figures)." => "6. 灰色列是网站现有内容，仅供参考：规划目标和已有最新数值（标“示例”的为示例数据，不是官方数据）。";
    INSTR_7: "7. Save it as it is (.xlsx; .xls or .ods also work), not as CSV, and send it back; it is read back with `gongkai import`." => "7. 填好后直接保存（.xlsx，也可存为 .xls 或 .ods），不要另存为 CSV，按上述方式报送；收表单位用 `gongkai import` 导入。";

    // ------------------------------------------------------------------- reading it back
    SHAPE_WORKBOOK: "a gongkai collection workbook" => "gongkai 生成的填报表";
    ID_COLUMN_MISSING: "sheet `{sheet}` has lost its hidden `{column}` column: rows are matched by their names" => "工作表 `{sheet}` 的隐藏列 `{column}` 已被删除，改按名称匹配各行";
    ID_COLUMN_MISSING_HINT: "check the names in the rows; next time keep the hidden columns" => "请核对各行名称；今后请保留隐藏列";
    UNKNOWN_ID: "`{id}` is not a {what} of this site" => "`{id}` 不是本站的{what}";
    UNKNOWN_ID_HINT: "the workbook was made for another site or the content changed since; make a new one with `gongkai template`" => "填报表可能来自其他站点，或站点内容已变化；请用 `gongkai template` 重新生成";
    WHAT_TASK: "task" => "重点任务";
    NO_ROW_NAME: "the row names no indicator or task" => "该行没有可识别的指标或任务";
    NO_ROW_NAME_HINT: "keep the hidden id columns, or write the name as the site has it" => "请保留隐藏的 id 列，或按站点中的写法填写名称";
    NOT_A_DATE_CELL: "`{text}` is not a date" => "`{text}` 不是日期";
    NOT_A_DATE_CELL_HINT: "write the date of the progress as 2025-03-31" => "请按 2025-03-31 的格式填写进展日期";
    PROGRESS_WITHOUT_DATE: "task `{task}`: progress without its date" => "任务 `{task}`：填写了进展，但没有进展日期";
    PROGRESS_WITHOUT_DATE_HINT: "write the date the progress is as of in the last column (2025-03-31)" => "请在最后一列填写进展日期（如 2025-03-31）";
    TASK_TWICE: "task `{task}` of `{region}` is given twice (first at {first})" => "`{region}` 的任务 `{task}` 填了两次（第一次在 {first}）";
    TASK_NOT_EDITABLE: "task `{task}`: `{field}` is not written on lines of its own here" => "任务 `{task}`：`{field}` 不是按行书写的，无法逐行修改";
    TASK_NOT_EDITABLE_HINT: "write this task in block style (one key per line, as the other tasks are), or enter its progress by hand" => "请把该任务改为每行一个字段的写法（与其他任务相同），或手工填写进展";
    SAMPLE_NOT_DROPPABLE: "a sample entry here is not written one key per line, so `--drop-sample` cannot remove its lines" => "此处有示例条目不是每行一个字段的写法，`--drop-sample` 无法逐行删除";
    SAMPLE_NOT_DROPPABLE_HINT: "write each entry in block style (one key per line), or delete the sample entries by hand" => "请把各条目改为每行一个字段的写法，或手工删除示例条目";
    FRACTION_PERCENT: "`{indicator}` is in %, and {value} looks like a fraction (a percentage cell whose format was lost on saving)" => "`{indicator}` 的单位是 %，而 {value} 像是小数（另存时丢失了百分比格式的单元格）";
    FRACTION_PERCENT_HINT: "write 85.2 for 85.2%; if it really is {value}%, write it as text `{value}%`" => "85.2% 请填 85.2；如确为 {value}%，请填写文字 `{value}%`";
    TASKS_SUMMARY: "{region}: progress of {n} task(s): {tasks}" => "{region}：{n} 项任务的进展：{tasks}";
    TASKS_SAMPLE_DROPPED: "{region}: sample progress of {n} task(s) dropped: {tasks}" => "{region}：删除 {n} 项任务的示例进展：{tasks}";
    TASK_SAMPLE_CLEARED: " (sample progress replaced)" => "（替换了示例进展）";
    DROPPED_SAMPLE: "{region}: {n} sample value(s) dropped ({files})" => "{region}：删除示例数值 {n} 个（{files}）";
}
