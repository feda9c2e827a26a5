export { meanSquaredError, psnr, psnrFromMse, PSNR_PEAK } from './psnr';
export { ssim, SSIM_WINDOW_SIZE, SSIM_SIGMA, SSIM_DATA_RANGE } from './ssim';
export { colorfulness } from './colorfulness';
