package fr.guichet.query.support;

import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The views' token store, writing a processor's position only once the batch's view writes are
 * done.
 *
 * <p>Axon's tracking processor stores the batch's last token <em>before</em> handling the batch
 * whenever it has a transaction manager (it then counts on the token and the handlers' writes
 * committing together). The views' tokens live in MongoDB, outside that transaction, and the views
 * write their batch on prepare-commit: a batch whose writes failed would still have moved the
 * token, and its events would never reach the view. Inside a unit of work this store therefore
 * defers the write to the root unit of work's commit phase, after every prepare-commit write has
 * succeeded; a batch that fails leaves the token where it was and is handled again (the views'
 * writes are idempotent). Outside a unit of work (claims, resets, the rebuild's switch) it writes
 * at once.
 */
final class TokenWrittenAfterViews implements TokenStore {

  private final TokenStore delegate;

  TokenWrittenAfterViews(TokenStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void storeToken(TrackingToken token, String processorName, int segment) {
    if (CurrentUnitOfWork.isStarted()) {
      CurrentUnitOfWork.get()
          .root()
          .onCommit(unitOfWork -> delegate.storeToken(token, processorName, segment));
    } else {
      delegate.storeToken(token, processorName, segment);
    }
  }

  @Override
  public void initializeTokenSegments(String processorName, int segmentCount) {
    delegate.initializeTokenSegments(processorName, segmentCount);
  }

  @Override
  public void initializeTokenSegments(
      String processorName, int segmentCount, TrackingToken initialToken) {
    delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
  }

  @Override
  public TrackingToken fetchToken(String processorName, int segment) {
    return delegate.fetchToken(processorName, segment);
  }

  @Override
  public TrackingToken fetchToken(String processorName, Segment segment) {
    return delegate.fetchToken(processorName, segment);
  }

  @Override
  public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
    delegate.extendClaim(processorName, segment);
  }

  @Override
  public void releaseClaim(String processorName, int segment) {
    delegate.releaseClaim(processorName, segment);
  }

  @Override
  public void initializeSegment(TrackingToken token, String processorName, int segment) {
    delegate.initializeSegment(token, processorName, segment);
  }

  @Override
  public void deleteToken(String processorName, int segment) {
    delegate.deleteToken(processorName, segment);
  }

  @Override
  public boolean requiresExplicitSegmentInitialization() {
    return delegate.requiresExplicitSegmentInitialization();
  }

  @Override
  public int[] fetchSegments(String processorName) {
    return delegate.fetchSegments(processorName);
  }

  @Override
  public List<Segment> fetchAvailableSegments(String processorName) {
    return delegate.fetchAvailableSegments(processorName);
  }

  @Override
  public Optional<String> retrieveStorageIdentifier() {
    return delegate.retrieveStorageIdentifier();
  }
}
