import { FAULT_POINTS, FaultInjector } from './fault-injection';

describe('FaultInjector', () => {
  let kill: jest.SpyInstance;

  // Safety net: even a wrong assertion below must never SIGKILL the test worker.
  beforeEach(() => {
    kill = jest.spyOn(process, 'kill').mockImplementation(() => true);
  });
  afterEach(() => kill.mockRestore());

  it('arms the points listed in the spec, trimmed', () => {
    const sut = new FaultInjector(
      ` ${FAULT_POINTS.deliveryAfterSend} , ${FAULT_POINTS.relayAfterPublish}`,
      'test',
    );

    expect(sut.isArmed(FAULT_POINTS.deliveryAfterSend)).toBe(true);
    expect(sut.isArmed(FAULT_POINTS.relayAfterPublish)).toBe(true);
  });

  it('arms only the points listed', () => {
    const sut = new FaultInjector(FAULT_POINTS.relayAfterPublish, 'development');

    expect(sut.isArmed(FAULT_POINTS.deliveryAfterSend)).toBe(false);
    expect(sut.isArmed('outbox.crash')).toBe(false);
  });

  it('ignores empty entries of the list', () => {
    const sut = new FaultInjector(',, ,', 'test');

    expect(sut.isArmed('')).toBe(false);
  });

  it('arms nothing in production, whatever the spec says', () => {
    const sut = new FaultInjector(
      `${FAULT_POINTS.deliveryAfterSend},${FAULT_POINTS.relayAfterPublish}`,
      'production',
    );

    expect(sut.isArmed(FAULT_POINTS.deliveryAfterSend)).toBe(false);
    expect(sut.isArmed(FAULT_POINTS.relayAfterPublish)).toBe(false);
  });

  it('arms nothing without a spec', () => {
    expect(new FaultInjector(undefined, 'test').isArmed(FAULT_POINTS.deliveryAfterSend)).toBe(false);
    expect(new FaultInjector('', 'test').isArmed(FAULT_POINTS.deliveryAfterSend)).toBe(false);
  });

  it('provides an injector with nothing armed', () => {
    expect(FaultInjector.none().isArmed(FAULT_POINTS.deliveryAfterSend)).toBe(false);
  });

  it('does nothing at a point that is not armed', () => {
    const sut = new FaultInjector(FAULT_POINTS.relayAfterPublish, 'test');

    sut.crashIfArmed(FAULT_POINTS.deliveryAfterSend);
    FaultInjector.none().crashIfArmed(FAULT_POINTS.relayAfterPublish);
    new FaultInjector(FAULT_POINTS.deliveryAfterSend, 'production').crashIfArmed(
      FAULT_POINTS.deliveryAfterSend,
    );

    expect(kill).not.toHaveBeenCalled();
  });
});
