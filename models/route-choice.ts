/**
 * The programme as a second route out (§3.3.1): a nested logit whose leaving nest holds the unassisted route and
 * the programme. `x` is the programme's value over leaving unassisted in units of the route scale R. The inclusive
 * value G = R ln(1 + e^x) is what having the programme adds to leaving; e^x / (1 + e^x) of leavers take it.
 */
export interface Route {
  /** Inclusive value G, in money. */
  gain: number;
  /** Share of leavers who take the programme. */
  share: number;
}

export function programmeRoute(x: number, routeScale: number, out: Route): Route {
  // Beyond x = 30 the logit is 1 to double precision, and e^x would only risk overflow.
  if (x > 30) {
    out.gain = x * routeScale;
    out.share = 1;
  } else {
    const e = Math.exp(x);
    out.gain = routeScale * Math.log1p(e);
    out.share = e / (1 + e);
  }
  return out;
}
