/** The bench page's entry: one of the two grids, by `?side=` (both are loaded the same way, as a chunk). */
import './frames';

if (new URLSearchParams(location.search).get('side') === 'revogrid') void import('./revo');
else void import('./ours');
