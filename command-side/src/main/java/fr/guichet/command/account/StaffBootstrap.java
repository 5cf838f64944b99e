package fr.guichet.command.account;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.web.Actor.Role;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On embedded defaults, the first start opens one staff account per role (login = the role's name
 * in lowercase) with a generated password, printed once to the log. Nothing is created when an
 * account with that role already exists, and never a fixed password.
 */
@Component
@ConditionalOnProperty(name = "guichet.security.bootstrap-staff", havingValue = "true")
class StaffBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(StaffBootstrap.class);
  static final List<Role> STAFF = List.of(Role.DIRECTOR, Role.MANAGER, Role.AUDITOR, Role.DOOR);

  private final AccountService accounts;

  StaffBootstrap(AccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (Role role : STAFF) {
      if (accounts.anyAccountWithRole(role)) {
        continue;
      }
      String login = role.name().toLowerCase(java.util.Locale.ROOT);
      String password = AccountService.generatedPassword();
      try {
        accounts.createAccount(
            login,
            login,
            role,
            password,
            MetaData.from(Map.of("actorId", "system:bootstrap", "actorRole", "SYSTEM")));
      } catch (CommandRejectedException alreadyThere) {
        continue;
      }
      log.warn(
          "First {} account created. login: {}  password: {}  (shown once; sign in and keep it"
              + " safe)",
          role,
          login,
          password);
    }
  }
}
