package fr.guichet.standalone.support;

import static fr.guichet.standalone.support.Pages.js;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** What the staff browser tests do on the manager's event page and its plan builder. */
public final class StaffEventPage {

  private StaffEventPage() {}

  /** Adds price category number {@code index} with one tier at {@code euros}. */
  public static void addCategory(
      WebDriver browser, int index, String code, String name, String euros) {
    browser.findElement(By.id("add-category")).click();
    type(browser, "cat-code-" + index, code);
    type(browser, "cat-name-" + index, name);
    type(browser, "tier-price-" + index + "-0", euros);
  }

  public static void type(WebDriver browser, String id, String text) {
    WebElement field = browser.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  /** Date-time inputs take keystrokes in the browser's locale order; set the value instead. */
  public static void setValue(WebDriver browser, String id, String value) {
    js(
        browser,
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
            + " e.dispatchEvent(new Event('input', {bubbles: true}));",
        id,
        value);
  }

  /** The stage badge's value, or null while the page re-renders it. */
  public static String stage(WebDriver browser) {
    try {
      return (String)
          js(
              browser,
              "const b = document.querySelector('#event-stage [data-stage]');"
                  + " return b ? b.dataset.stage : null;");
    } catch (StaleElementReferenceException e) {
      return null;
    }
  }

  /** The text of one cell of a category's row on the director's or manager's figures. */
  public static String categoryCell(WebDriver browser, String category, String cell) {
    return (String)
        js(
            browser,
            "const c = document.querySelector(`#categories tr[data-category='${arguments[0]}']"
                + " ${arguments[1]}`); return c ? c.textContent.replace(/\\s/g, ' ') : '';",
            category,
            cell);
  }
}
