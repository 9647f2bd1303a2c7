//! Laying out only what is in view: the side panel's details run to many screens (the overview,
//! a country with dozens of stations), and laying all of it out every frame was half the cost of
//! a frame. Each piece of the panel's scrolled content is a [`block`]; a block scrolled out of
//! view, whose height is known from an earlier frame, is replaced by empty space of that height,
//! so the scroll bar, the scroll position and everything below stay where they were.
//!
//! The heights are forgotten whenever the content may have changed ([`region`]'s key: the data,
//! what is shown, the selection, the width, the text sizes and fonts). Everything is laid out,
//! as before, when something needs the whole content: a screen reader (AccessKit is on),
//! keyboard focus (Tab must reach every widget), a drag that began in the panel (a text
//! selection may run off screen), or a frame that scrolls to a station; and outside a
//! [`region`].
//!
//! A block's space is taken as egui's own `Ui::scope` takes it, and counts as one widget just as
//! a scope does, so the widgets after a skipped block keep their ids (and their state: an open
//! station stays open).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use egui::{Id, Rect, Ui, vec2};

/// Blocks remembered at most: past this the heights are forgotten, and learnt again.
const MAX_BLOCKS: usize = 20_000;

/// What the panel remembers between frames, in egui's temporary memory.
#[derive(Clone, Default)]
struct State {
    key: u64,
    lazy: bool,
    heights: HashMap<Id, f32>,
    /// Blocks skipped in the last region.
    skipped: usize,
}

fn state_id() -> Id {
    Id::unique("overseas_stations::ui::in_view")
}

/// Lays out `add` (the whole content of a scroll area) as a region whose [`block`]s may be
/// skipped when out of view. `content` stands for everything the content depends on; the width,
/// the pixel density, the text sizes, the spacing and the fonts are added here. `lazy` is false
/// where everything must be laid out this frame (see the module). After the region, blocks are
/// laid out again whatever their place.
pub fn region<R>(ui: &mut Ui, content: u64, lazy: bool, add: impl FnOnce(&mut Ui) -> R) -> R {
    begin(ui, content, lazy);
    let inner = add(ui);
    ui.ctx().data_mut(|d| {
        d.get_temp_mut_or_default::<State>(state_id()).lazy = false;
    });
    inner
}

fn begin(ui: &Ui, content: u64, lazy: bool) {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    content.hash(&mut hasher);
    ui.available_width().to_bits().hash(&mut hasher);
    ui.ctx().pixels_per_point().to_bits().hash(&mut hasher);
    // What sizes text and spacing: the text styles, the spacing, and the fonts (egui adds the
    // CJK fallback a frame after it is asked to).
    let style = ui.style();
    for (name, font) in &style.text_styles {
        name.hash(&mut hasher);
        font.size.to_bits().hash(&mut hasher);
        font.family.hash(&mut hasher);
    }
    let spacing = &style.spacing;
    for value in [
        spacing.item_spacing.x,
        spacing.item_spacing.y,
        spacing.button_padding.x,
        spacing.button_padding.y,
        spacing.indent,
        spacing.interact_size.x,
        spacing.interact_size.y,
    ] {
        value.to_bits().hash(&mut hasher);
    }
    ui.ctx()
        .fonts(|f| f.definitions().font_data.len())
        .hash(&mut hasher);
    let key = hasher.finish();
    ui.ctx().data_mut(|d| {
        let state = d.get_temp_mut_or_default::<State>(state_id());
        if state.key != key || state.heights.len() > MAX_BLOCKS {
            state.key = key;
            state.heights.clear();
        }
        state.lazy = lazy;
        state.skipped = 0;
    });
}

/// Whether blocks may be skipped this frame: nothing needs the whole content (see the module).
/// `widget` is any widget of the panel drawn this frame: whether it has an accessibility node
/// says whether AccessKit is on.
pub fn may_skip(ui: &Ui, widget: Id) -> bool {
    let ctx = ui.ctx();
    // A drag that began in the panel may be selecting text; one on the map (a pan) is not.
    let viewport = ui.clip_rect();
    let dragging_here = ctx.input(|i| {
        i.pointer.any_down()
            && i.pointer
                .press_origin()
                .is_some_and(|p| viewport.contains(p))
    });
    !ctx.has_accesskit_node(widget) && ctx.memory(|m| m.focused()).is_none() && !dragging_here
}

/// How many blocks the side panel skipped (left unlaid because out of view) in its last frame.
pub fn skipped(ctx: &egui::Context) -> usize {
    ctx.data(|d| d.get_temp::<State>(state_id()).map_or(0, |s| s.skipped))
}

/// One block: laid out by `add` if it may be in view, otherwise the space it took when last laid
/// out (then `None`). Outside a [`region`], or when it may not skip, it is always laid out.
pub fn block<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> Option<R> {
    let id = ui.next_auto_id();
    let known = ui.ctx().data(|d| {
        d.get_temp::<State>(state_id())
            .filter(|s| s.lazy)
            .and_then(|s| s.heights.get(&id).copied())
    });
    if let Some(height) = known {
        let rect = Rect::from_min_size(ui.cursor().min, vec2(ui.available_width(), height));
        if !ui.is_rect_visible(rect) {
            ui.allocate_space(vec2(0.0, height));
            ui.ctx()
                .data_mut(|d| d.get_temp_mut_or_default::<State>(state_id()).skipped += 1);
            return None;
        }
    }
    let inner = ui.scope(add);
    let height = inner.response.rect.height();
    ui.ctx().data_mut(|d| {
        d.get_temp_mut_or_default::<State>(state_id())
            .heights
            .insert(id, height);
    });
    Some(inner.inner)
}

#[cfg(test)]
mod tests {
    use egui::{CentralPanel, Context, RawInput, ScrollArea, pos2};

    use super::*;

    const LINES: usize = 200;

    /// One frame of 200 blocks of text in a scroll area scrolled to `offset`; returns the
    /// content's height and the texts laid out. (Egui paints only what is visible, laid out or
    /// not: the cost saved is the layout.)
    fn frame(ctx: &Context, lazy: bool, offset: f32) -> (f32, Vec<String>) {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0))),
            ..Default::default()
        };
        let mut height = 0.0;
        let mut texts = Vec::new();
        let mut output = ctx.run_ui(input, |ui| {
            CentralPanel::default().show(ui, |ui| {
                let scrolled =
                    ScrollArea::vertical()
                        .vertical_scroll_offset(offset)
                        .show(ui, |ui| {
                            region(ui, 7, lazy, |ui| {
                                for k in 0..LINES {
                                    block(ui, |ui| {
                                        texts.push(format!("line {k}"));
                                        ui.label(format!("line {k}"));
                                        if k % 3 == 0 {
                                            ui.label(format!("line {k}, more"));
                                        }
                                    });
                                }
                            });
                            // After the region, nothing is skipped.
                            block(ui, |_| texts.push("after".to_owned()));
                        });
                height = scrolled.content_size.y;
            });
        });
        // No renderer here to take the font texture.
        output.textures_delta.clear();
        (height, texts)
    }

    fn settled(lazy: bool, offset: f32) -> (f32, Vec<String>) {
        let ctx = Context::default();
        for _ in 0..3 {
            frame(&ctx, lazy, offset);
        }
        frame(&ctx, lazy, offset)
    }

    #[test]
    fn blocks_out_of_view_keep_their_space_but_are_not_laid_out() {
        let (all_height, all) = settled(false, 0.0);
        let (lazy_height, lazy) = settled(true, 0.0);
        assert_eq!(all_height, lazy_height, "the content keeps its height");
        assert_eq!(all.len(), LINES + 1, "everything is laid out");
        assert!(
            lazy.len() < 40,
            "only what is in view is laid out: {} texts",
            lazy.len()
        );
        assert!(lazy.iter().any(|t| t == "line 0"));
        assert!(!lazy.iter().any(|t| t == "line 199"));
        assert!(
            lazy.iter().any(|t| t == "after"),
            "a block after the region is laid out although out of view"
        );
    }

    #[test]
    fn scrolled_near_the_end_the_last_blocks_are_laid_out_where_they_were() {
        let (height, _) = settled(true, 0.0);
        let ctx = Context::default();
        for _ in 0..3 {
            frame(&ctx, true, 0.0);
        }
        // Near the end (the offset is not clamped on the frame it is set).
        let (after, texts) = frame(&ctx, true, height - 400.0);
        assert_eq!(height, after);
        assert!(texts.iter().any(|t| t == "line 190"), "{texts:?}");
        assert!(!texts.iter().any(|t| t == "line 0"));
    }

    #[test]
    fn a_new_key_forgets_the_heights() {
        let ctx = Context::default();
        for _ in 0..3 {
            frame(&ctx, true, 0.0);
        }
        let known = |ctx: &Context| {
            ctx.data(|d| {
                d.get_temp::<State>(state_id())
                    .map_or(0, |s| s.heights.len())
            })
        };
        assert_eq!(
            known(&ctx),
            LINES + 1,
            "the region's blocks and the one after it"
        );
        ctx.run_ui(RawInput::default(), |ui| region(ui, 8, true, |_| ()))
            .textures_delta
            .clear();
        assert_eq!(known(&ctx), 0);
    }
}
