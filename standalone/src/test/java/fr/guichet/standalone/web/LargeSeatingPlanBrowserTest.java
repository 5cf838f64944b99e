package fr.guichet.standalone.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.Browsers;
import fr.guichet.standalone.support.GuichetInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A 50,000-seat hall stays smooth: one canvas, batched drawing, live changes without reload. */
class LargeSeatingPlanBrowserTest {

  /** 100 rows of 500 seats in two categories. */
  static final String ARENA =
      """
      {"categories":[
         {"code":"OR","name":"Carré Or","tiers":[{"code":"FULL","name":"Plein tarif","priceCents":9000}]},
         {"code":"C1","name":"Catégorie 1","tiers":[{"code":"FULL","name":"Plein tarif","priceCents":5000}]}],
       "sections":[{"code":"ARENA","name":"Arène","blocks":[
         {"rows":"1-20","firstSeat":1,"lastSeat":500,"category":"OR"},
         {"rows":"21-100","firstSeat":1,"lastSeat":500,"category":"C1"}]}],
       "zones":[]}
      """;

  @RegisterExtension final Browsers browsers = new Browsers();

  @TempDir Path dataDir;

  @Test
  void fifty_thousand_seats_draw_within_a_frame_budget_and_follow_live_changes() {
    try (GuichetInstance guichet = GuichetInstance.start(dataDir)) {
      Api api = new Api(guichet.http());
      String eventId = api.eventOnSale(ARENA, "PT10M", 10, 10);
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  guichet
                      .http()
                      .get()
                      .uri("/api/events/" + eventId + "/seat-map")
                      .exchange()
                      .returnResult(String.class)
                      .getStatus()
                      .is2xxSuccessful());
      WebDriver browser = browsers.open("fr-FR");
      browser.get("http://localhost:" + guichet.port() + "/event.html?id=" + eventId);
      new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(ExpectedConditions.attributeToBe(By.id("plan-frame"), "data-live", "true"));
      assertThat(js(browser, "return guichetPlan.plan.seatCount")).isEqualTo(50_000L);

      double wholePlan = medianDrawMillis(browser);
      js(browser, "guichetPlan.plan.zoomBy(6)");
      double zoomedIn = medianDrawMillis(browser);
      System.out.printf(
          "50,000-seat plan: whole plan drawn in %.1f ms, zoomed in %.1f ms (median of 7)%n",
          wholePlan, zoomedIn);
      assertThat(wholePlan).isLessThan(100);
      assertThat(zoomedIn).isLessThan(100);

      api.as(
              "rival",
              "SPECTATOR",
              "POST",
              "/api/events/" + eventId + "/holds",
              Map.of("placeIds", List.of("ARENA-50-250", "ARENA-50-251")))
          .expectStatus()
          .isCreated();
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(
              d -> ((Number) js(d, "return guichetPlan.stateOf('ARENA-50-251')")).intValue() == 1);
      assertThat(
              browser
                  .findElement(By.cssSelector("#categories tr[data-category='C1'] td.free"))
                  .getText())
          .isEqualTo("39998 sur 40000");
    }
  }

  private static double medianDrawMillis(WebDriver browser) {
    @SuppressWarnings("unchecked")
    List<Number> times =
        (List<Number>)
            js(
                browser,
                "const times = [];"
                    + " for (let k = 0; k < 7; k++) {"
                    + "   const t0 = performance.now(); guichetPlan.plan.draw();"
                    + "   guichetPlan.plan.ctx.getImageData(0, 0, 1, 1);"
                    + "   times.push(performance.now() - t0); }"
                    + " return times.sort((a, b) => a - b);");
    return times.get(3).doubleValue();
  }

  private static Object js(WebDriver browser, String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }
}
