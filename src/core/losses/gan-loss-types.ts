/** The GAN losses of the notes, as plain data (no tfjs: the page's settings use it). */
export type GanLossType = 'wgan-gp' | 'minimax' | 'non-saturating';
export const GAN_LOSS_TYPES: readonly GanLossType[] = ['wgan-gp', 'minimax', 'non-saturating'];
