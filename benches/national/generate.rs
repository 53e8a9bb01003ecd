//! A deterministic generator of a synthetic national site in the real content format:
//! 31 provinces → 330 prefectures → 2,850 counties at scale 1.0 (about 3,200 regions),
//! 50 indicators in 8 categories (quantitative and qualitative, increasing and decreasing,
//! some with two scopes), 10 yearly periods with a few gaps, targets for two years per series,
//! 30 tasks per region, and commentary for one region × indicator pair in ten, in Chinese and
//! English; half the series with the day their values were released, and a site.yaml with the
//! identity marks of a government host. The same seed gives the same files every time.

use std::fmt::Write as _;
use std::path::Path;

/// A small, fast, deterministic random number generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// What one generated site holds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub regions: usize,
    pub series: usize,
    pub observations: usize,
    pub targets: usize,
    pub tasks: usize,
    pub commentary: usize,
    pub files: usize,
}

const CATEGORIES: [(&str, &str, &str); 8] = [
    ("organisation", "组织领导", "Organisation"),
    ("system", "新体系", "New system"),
    ("trends", "新趋势", "New trends"),
    ("efficiency", "新效能", "New efficiency"),
    ("drivers", "新动力", "New drivers"),
    ("culture", "新文化", "New culture"),
    ("quality", "医疗质量", "Quality"),
    ("finance", "运营管理", "Finance"),
];

/// An indicator of the synthetic catalogue.
struct Ind {
    id: String,
    quantitative: bool,
    increase: bool,
    scoped: bool,
    base: f64,
    decimals: u8,
}

fn catalogue() -> Vec<Ind> {
    (0..50)
        .map(|i| Ind {
            id: format!("ind-{i:02}"),
            quantitative: i % 10 != 9,
            increase: i % 3 != 1,
            scoped: i % 5 == 0,
            base: [0.9, 45.0, 9.5, 320.0, 12.0][i % 5],
            decimals: [2, 1, 1, 0, 1][i % 5],
        })
        .collect()
}

fn write(path: &Path, text: &str, counts: &mut Counts) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
    counts.files += 1;
}

/// Write a site of `scale` (1.0 = national) under `root`.
pub fn generate(root: &Path, scale: f64, seed: u64) -> Counts {
    let mut rng = Rng::new(seed);
    let mut counts = Counts::default();
    let content = root.join("content");
    write(
        &content.join("site.yaml"),
        "title: {zh: 全国公立医院高质量发展监测（合成数据）, en: National public hospital monitoring (synthetic)}\nbase_url: /\nlanguages: [zh, en]\ntheme: default\nupdated: 2024-12-31\npublisher:\n  name: {zh: 合成卫生健康委员会, en: Synthetic Health Commission}\n  address: {zh: 合成路1号, en: 1 Synthetic Road}\n  phone: 0000-1234567\n  email: wjw@example.gov.cn\nregistration:\n  icp: 京ICP备00000000号-1\n  police: 京公网安备 11000002000001号\n  site_code: \"1100000001\"\n  badge: https://bszs.conac.cn/sitename?method=show&id=0\nfooter:\n  - {zh: 本站支持IPv6访问, en: This site supports IPv6}\n",
        &mut counts,
    );
    let mut cats = String::new();
    for (i, (id, zh, en)) in CATEGORIES.iter().enumerate() {
        let _ = writeln!(cats, "{id}:\n  name: {{zh: {zh}, en: {en}}}\n  order: {i}");
    }
    write(&content.join("categories.yaml"), &cats, &mut counts);
    write(
        &content.join("scopes.yaml"),
        "tertiary: {name: {zh: 三级公立医院, en: Tertiary public hospitals}}\nsecondary: {name: {zh: 二级公立医院, en: Secondary public hospitals}}\n",
        &mut counts,
    );
    let inds = catalogue();
    for (i, ind) in inds.iter().enumerate() {
        let kind = if ind.quantitative { "quantitative" } else { "qualitative" };
        let dir = if ind.increase { "increase" } else { "decrease" };
        let unit = if ind.quantitative { format!("unit: \"%\"\ndecimals: {}\n", ind.decimals) } else { String::new() };
        let text = format!(
            "name: {{zh: 合成指标{i}, en: Synthetic indicator {i}}}\ncategory: {}\nkind: {kind}\n{unit}direction: {dir}\nformula: {{zh: 分子/分母×100%, en: numerator / denominator × 100%}}\nsource: {{zh: 卫生健康统计, en: Health statistics}}\nfrequency: yearly\n",
            CATEGORIES[i % 8].0
        );
        write(&content.join(format!("indicators/{}.yaml", ind.id)), &text, &mut counts);
        write(&content.join(format!("indicators/{}.zh.md", ind.id)), &format!("合成指标{i}的说明。\n"), &mut counts);
        write(
            &content.join(format!("indicators/{}.en.md", ind.id)),
            &format!("About synthetic indicator {i}.\n"),
            &mut counts,
        );
        counts.commentary += 2;
    }

    let n = |full: f64| ((full * scale).round() as usize).max(1);
    let (provinces, prefectures, counties) = (n(31.0), n(330.0), n(2850.0));
    let mut regions: Vec<(String, &str, Option<String>)> = Vec::new();
    for p in 0..provinces {
        regions.push((format!("p{p:02}"), "province", None));
    }
    for c in 0..prefectures {
        regions.push((format!("c{c:03}"), "prefecture", Some(format!("p{:02}", c % provinces))));
    }
    for k in 0..counties {
        regions.push((format!("k{k:04}"), "county", Some(format!("c{:03}", k % prefectures))));
    }
    for (r, (id, level, parent)) in regions.iter().enumerate() {
        region(&content.join("regions").join(id), r, level, parent.as_deref(), &inds, &mut rng, &mut counts);
        counts.regions += 1;
    }
    counts
}

fn region(dir: &Path, r: usize, level: &str, parent: Option<&str>, inds: &[Ind], rng: &mut Rng, counts: &mut Counts) {
    let mut yaml = format!("name: {{zh: 合成地区{r}, en: Synthetic region {r}}}\nlevel: {level}\n");
    if let Some(p) = parent {
        let _ = writeln!(yaml, "parent: {p}");
    }
    let _ = write!(
        yaml,
        "plan:\n  title: {{zh: 合成地区{r}公立医院高质量发展实施方案, en: Synthetic region {r} plan}}\n  number: 合政办发〔2023〕{r}号\n  issuer: not_stated\n  issued: 2023-03-01\n  horizon: {{to: 2025, source: {{zh: 到2025年, en: By 2025}}}}\ntargets:\n"
    );
    let mut data = String::new();
    // The plan's text: a notice, a numbered item per series quoting its targets, the tasks, and
    // an annex table, as the real plans are laid out.
    let mut plan = format!(
        "# 合成地区{r}人民政府办公室关于印发合成地区{r}公立医院高质量发展实施方案的通知 {{#notice}}\n\n合政办发〔2023〕{r}号\n\n各有关单位：\n\n《合成地区{r}公立医院高质量发展实施方案》已经研究通过，现印发给你们，请认真贯彻执行。\n\n# 合成地区{r}公立医院高质量发展实施方案 {{#plan}}\n\n为推动公立医院高质量发展，结合本地实际，制定本方案。\n\n## 一、主要目标\n\n"
    );
    let mut annex = String::from("## 附件1\n\n| 序号 | 指标 | 2025年目标 |\n|---|---|---|\n");
    let mut item = 0;
    for (i, ind) in inds.iter().enumerate() {
        let scopes: &[Option<&str>] = if ind.scoped { &[Some("tertiary"), Some("secondary")] } else { &[None] };
        for scope in scopes {
            counts.series += 1;
            let scope_line = scope.map(|s| format!("    scope: {s}\n")).unwrap_or_default();
            let base = ind.base * (0.8 + 0.4 * rng.unit());
            let trend = if ind.increase { 1.0 } else { -1.0 } * base * (0.01 + 0.03 * rng.unit());
            item += 1;
            let _ = write!(plan, "{item}.合成指标{i}{}：", scope.unwrap_or(""));
            for year in [2023, 2025] {
                counts.targets += 1;
                if ind.quantitative {
                    let goal = base + trend * (year - 2014) as f64 * (0.8 + 0.4 * rng.unit());
                    // Every third series' last target is 左右 and due at the plan's horizon (issue 18).
                    let semantics =
                        if year == 2025 && item % 3 == 0 { "    approx: true\n    due: horizon\n" } else { "" };
                    let year_line = if semantics.is_empty() { format!("    year: {year}\n") } else { String::new() };
                    let _ = write!(
                        yaml,
                        "  - indicator: {}\n{scope_line}{year_line}{semantics}    value: {goal:.prec$}\n    text: {{zh: 到{year}年达到{goal:.prec$}, en: \"{goal:.prec$} by {year}\"}}\n",
                        ind.id,
                        prec = ind.decimals as usize
                    );
                    let _ = write!(plan, "到{year}年达到{goal:.prec$}；", prec = ind.decimals as usize);
                    if year == 2025 {
                        let _ = writeln!(
                            annex,
                            "| {item} | 合成指标{i}{} | {goal:.prec$} |",
                            scope.unwrap_or(""),
                            prec = ind.decimals as usize
                        );
                    }
                } else {
                    let _ = write!(
                        yaml,
                        "  - indicator: {}\n{scope_line}    year: {year}\n    value: done\n    text: {{zh: {year}年前全面落实, en: Fully in place by {year}}}\n",
                        ind.id
                    );
                    let _ = write!(plan, "{year}年前全面落实；");
                }
            }
            plan.push_str("\n\n");
            // Ten yearly values, 2015–2024, with a gap now and then.
            let scope_data = scope.map(|s| format!("  scope: {s}\n")).unwrap_or_default();
            // Half the series carry the day their values were released (issue 21's dates).
            let released = if i % 2 == 0 { format!("  released: 2025-03-{:02}\n", 1 + r % 28) } else { String::new() };
            let _ = write!(data, "- indicator: {}\n{scope_data}{released}  sample: true\n  values: {{", ind.id);
            let mut first = true;
            for (k, year) in (2015..=2024).enumerate() {
                if rng.below(12) == 0 {
                    continue;
                }
                let v = if ind.quantitative {
                    format!(
                        "{:.prec$}",
                        base + trend * k as f64 + base * 0.02 * (rng.unit() - 0.5),
                        prec = ind.decimals as usize
                    )
                } else {
                    ["not_started", "in_progress", "done"][(k * 3 / 10).min(2)].to_string()
                };
                let _ = write!(data, "{}{year}: {v}", if first { "" } else { ", " });
                first = false;
                counts.observations += 1;
            }
            data.push_str("}\n");
            if first {
                // Every value was a gap: keep one so the entry is valid.
                data.truncate(data.rfind("  values: {").unwrap_or(data.len()));
                let _ = writeln!(
                    data,
                    "  values: {{2024: {}}}",
                    if ind.quantitative { format!("{base:.1}") } else { "done".into() }
                );
                counts.observations += 1;
            }
        }
        if (r * 50 + i).is_multiple_of(10) {
            write(
                &dir.join(format!("{}.zh.md", ind.id)),
                &format!("---\ntitle: 解读\nupdated: 2024-06-30\n---\n合成地区{r}的指标{i}解读。**示例**。\n"),
                counts,
            );
            write(
                &dir.join(format!("{}.en.md", ind.id)),
                &format!(
                    "---\ntitle: Commentary\nupdated: 2024-06-30\n---\nCommentary on indicator {i} in region {r}. **Sample**.\n"
                ),
                counts,
            );
            counts.commentary += 2;
        }
    }
    write(&dir.join("region.yaml"), &yaml, counts);
    write(&dir.join("data.yaml"), &data, counts);
    let mut tasks = String::new();
    for t in 0..30 {
        let status = ["done", "in_progress", "not_started", "delayed"][rng.below(4) as usize];
        // As the real plans: a third list their units jointly (responsible), a third set no
        // deadline; every task quotes the plan's words.
        let units = if t % 3 == 1 {
            "  responsible: [{zh: 卫生健康委, en: Health Commission}, {zh: 医保局, en: Healthcare Security Bureau}, {zh: 财政局, en: Finance Bureau}]\n"
        } else {
            "  lead: [{zh: 卫生健康委, en: Health Commission}]\n"
        };
        let deadline = if t % 3 == 2 { "" } else { "  deadline: 2025\n" };
        let _ = write!(
            tasks,
            "- id: t{t:02}\n  title: {{zh: 合成任务{t}, en: Synthetic task {t}}}\n{units}{deadline}  status: {status}\n  progress: {{zh: 进展说明, en: Progress note}}\n  updated: 2024-06-30\n  sample: true\n  text: {{zh: 合成任务{t}。由卫生健康委牵头, en: Synthetic task {t}; led by the Health Commission}}\n"
        );
        counts.tasks += 1;
    }
    write(&dir.join("tasks.yaml"), &tasks, counts);
    plan.push_str("## 二、重点任务\n\n");
    for t in 0..30 {
        let _ = write!(plan, "{}.合成任务{t}。由卫生健康委牵头，2025年底前完成。\n\n", t + 1);
    }
    plan.push_str(&annex);
    write(&dir.join("plan.zh.md"), &plan, counts);
    write(&dir.join("index.zh.md"), &format!("合成地区{r}的说明。\n"), counts);
    write(&dir.join("index.en.md"), &format!("About synthetic region {r}.\n"), counts);
    counts.commentary += 2;
}
