//! Cycles in `reports[].includes`: a report that includes itself through others would count its
//! own stations again. Found in linear time (Tarjan), without recursion.

use std::collections::{HashMap, HashSet};

use crate::data::model::Report;

/// Every cycle of two or more reports in `reports[].includes`, one per group of reports that
/// reach each other (a strongly connected component), as report indexes in inclusion order:
/// `[a, b, c]` means a includes b, b includes c and c includes a. The cycle starts at the group's
/// first report in file order. Self-inclusion is reported on its own; unknown ids are skipped.
/// Linear in reports and inclusions, so a hostile file with long chains costs no more than a
/// pass over it.
pub(super) fn include_cycles(reports: &[Report]) -> Vec<Vec<usize>> {
    let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(reports.len());
    for (i, report) in reports.iter().enumerate() {
        by_id.entry(report.id.as_str()).or_insert(i);
    }
    let edges: Vec<Vec<usize>> = reports
        .iter()
        .enumerate()
        .map(|(i, report)| {
            report
                .includes
                .iter()
                .filter_map(|id| by_id.get(id.as_str()).copied())
                .filter(|&j| j != i)
                .collect()
        })
        .collect();
    strongly_connected(&edges)
        .into_iter()
        .filter(|group| group.len() >= 2)
        .filter_map(|group| cycle_through_first(&edges, &group))
        .collect()
}

/// Tarjan's strongly connected components, iterative (a chain of a million inclusions must not
/// overflow the stack).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut lowlink = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut groups = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, next edge to follow)
        let mut calls = vec![(root, 0)];
        index[root] = next;
        lowlink[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&(v, edge)) = calls.last() {
            if let Some(&w) = edges[v].get(edge) {
                if let Some(top) = calls.last_mut() {
                    top.1 += 1;
                }
                if index[w] == UNSEEN {
                    index[w] = next;
                    lowlink[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    lowlink[v] = lowlink[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                lowlink[parent] = lowlink[parent].min(lowlink[v]);
            }
            if lowlink[v] == index[v] {
                let mut group = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    group.push(w);
                    if w == v {
                        break;
                    }
                }
                groups.push(group);
            }
        }
    }
    groups
}

/// A shortest cycle inside `group` through its first report in file order (breadth-first).
fn cycle_through_first(edges: &[Vec<usize>], group: &[usize]) -> Option<Vec<usize>> {
    let start = group.iter().copied().min()?;
    let in_group: HashSet<usize> = group.iter().copied().collect();
    let mut parent: HashMap<usize, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in &edges[v] {
            if w == start {
                let mut cycle = vec![v];
                let mut at = v;
                while at != start {
                    at = *parent.get(&at)?;
                    cycle.push(at);
                }
                cycle.reverse();
                return Some(cycle);
            }
            if in_group.contains(&w) && !parent.contains_key(&w) {
                parent.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    None
}
