//! The SPEC-v2 results: order promotions with their one-click 凑单, the
//! payment option's effects, and the rebate credit by line. Read-only
//! parts are markup from [`v2_view`](crate::app::v2_view).

use super::panels::ReachTier;
use crate::app::i18n::{Key, Lang};
use crate::app::nudge::Goal;
use crate::app::state::Action;
use crate::app::v2_view::PromotionView;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PromotionsProps {
    pub lang: Lang,
    pub views: Rc<Vec<PromotionView>>,
    pub on_action: Callback<Action>,
}

/// 满减 / 满折 / 满赠: what each did, and what more buying would give.
#[component]
pub fn OrderPromotionsPanel(props: &PromotionsProps) -> Html {
    let lang = props.lang;
    if props.views.is_empty() {
        return Html::default();
    }
    html! {
        <section class="panel wide" data-testid="order-promotions">
            <h3>{ lang.t(Key::OrderPromotions) }</h3>
            { for props.views.iter().enumerate().map(|(i, v)| html! {
                <div class={classes!("order-promotion", v.status_code)} data-testid={format!("op-{i}")} data-rule={v.rule.clone()}>
                    <h4>{ v.name.as_str() }<span class="muted">{ format!(" · {}", v.rule) }</span></h4>
                    <p data-testid={format!("op-status-{i}")}>{ v.status.as_str() }</p>
                    if !v.nudge.is_empty() {
                        <p class="nudge" data-testid={format!("op-nudge-{i}")}>{ "➜ " }{ v.nudge.as_str() }</p>
                    }
                    if !v.reach_with.is_empty() {
                        <ReachTier {lang} index={i} goal={Goal::OrderPromotion(v.rule.clone())} prefix="op-reach"
                            products={Rc::new(v.reach_with.clone())} on_action={props.on_action.clone()} />
                    }
                </div>
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct MarkupPanelProps {
    pub title: &'static str,
    pub testid: &'static str,
    /// Escaped HTML from `v2_view`.
    pub body: AttrValue,
}

/// A read-only panel whose body is markup text.
#[component]
pub fn MarkupPanel(props: &MarkupPanelProps) -> Html {
    html! {
        <section class="panel" data-testid={props.testid}>
            <h3>{ props.title }</h3>
            { Html::from_html_unchecked(props.body.clone()) }
        </section>
    }
}
