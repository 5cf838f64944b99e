package fr.guichet.standalone.support;

import static fr.guichet.standalone.support.Pages.js;
import static fr.guichet.standalone.support.Pages.waiting;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The event page's seating plan (event.html) as a person uses it: wait for its live availability,
 * click a seat where it is drawn, read the selection, a place's state and a category's free count.
 */
public final class SeatPlanPage {

  /** Place states as the plan draws them ({@code guichetPlan.stateOf}). */
  public static final long FREE = 0;

  public static final long HELD = 1;
  public static final long SOLD = 2;

  private SeatPlanPage() {}

  /** Waits until the plan is drawn and follows availability live. */
  public static void awaitPlanLive(WebDriver browser) {
    waiting(browser)
        .until(ExpectedConditions.attributeToBe(By.id("plan-frame"), "data-live", "true"));
  }

  /** Clicks with the mouse where {@code placeId} is drawn, the plan scrolled into view. */
  public static void clickPlace(WebDriver browser, String placeId) {
    @SuppressWarnings("unchecked")
    List<Number> offset =
        (List<Number>)
            js(
                browser,
                "const canvas = document.getElementById('plan');"
                    + " canvas.scrollIntoView({block: 'center'});"
                    + " const p = guichetPlan.plan.screenPositionOf(guichetPlan.indexOf(arguments[0]));"
                    + " const r = canvas.getBoundingClientRect();"
                    + " const cx = (Math.max(r.left, 0) + Math.min(r.right, innerWidth)) / 2 - r.left;"
                    + " const cy = (Math.max(r.top, 0) + Math.min(r.bottom, innerHeight)) / 2 - r.top;"
                    + " return [Math.round(p[0] - cx), Math.round(p[1] - cy)];",
                placeId);
    new Actions(browser)
        .moveToElement(
            browser.findElement(By.id("plan")), offset.get(0).intValue(), offset.get(1).intValue())
        .click()
        .perform();
  }

  /** The places of the current selection, in the order the page lists them. */
  @SuppressWarnings("unchecked")
  public static List<String> selected(WebDriver browser) {
    return (List<String>)
        js(
            browser,
            "return [...document.querySelectorAll('#selection li')].map(li => li.dataset.place)");
  }

  /** The state the plan shows for a place: {@link #FREE}, {@link #HELD}, {@link #SOLD}, … */
  public static long stateOf(WebDriver browser, String placeId) {
    return ((Number) js(browser, "return guichetPlan.stateOf(arguments[0])", placeId)).longValue();
  }

  /** The "free" cell of a category in the page's availability table, e.g. "20 sur 20". */
  public static String categoryFree(WebDriver browser, String category) {
    return (String)
        js(
            browser,
            "return document.querySelector(`#categories tr[data-category='${arguments[0]}']"
                + " td.free`).textContent",
            category);
  }
}
